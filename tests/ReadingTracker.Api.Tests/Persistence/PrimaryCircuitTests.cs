using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Persistence;

/// <summary>The Primary circuit on a fake clock: one connection failure opens it for the break, then one probe decides.</summary>
public sealed class PrimaryCircuitTests : IDisposable
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<PrimaryCircuit> _logger = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MetricCollector<long> _opened;
    private readonly PrimaryCircuit _circuit;
    private int _calls;

    public PrimaryCircuitTests()
    {
        var metrics = new DatabaseMetrics(_services.GetRequiredService<IMeterFactory>());
        _opened = new MetricCollector<long>(metrics.CircuitOpened);
        _circuit = new PrimaryCircuit(Options.Create(new DatabaseOptions { CircuitBreakSeconds = (int)Break.TotalSeconds }), metrics, _time, _logger);
    }

    public void Dispose()
    {
        _opened.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task Closed_RunsTheWork_AndReturnsItsResult()
    {
        Assert.Equal(42, await RunAsync(42));

        Assert.Equal("Closed", _circuit.State);
        Assert.False(_circuit.IsOpen);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task OneConnectionFailure_OpensTheCircuit_AndTheNextCallFailsAtOnce_WithoutTouchingPrimary()
    {
        await Assert.ThrowsAsync<SocketException>(() => FailAsync(new SocketException()));

        Assert.Equal("Open", _circuit.State);
        Assert.True(_circuit.IsOpen);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => RunAsync(1));
        Assert.Equal(1, _calls);
        Assert.Equal(1, _opened.GetMeasurementSnapshot().EvaluateAsCounter());
        var opened = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal("PrimaryCircuitOpened", opened.Id.Name);
        Assert.Equal(1111, opened.Id.Id);
    }

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(EndOfStreamException))]
    public async Task EachKindOfConnectionFailure_OpensTheCircuit(Type failure)
    {
        var exception = (Exception)Activator.CreateInstance(failure)!;

        await Assert.ThrowsAsync(failure, () => FailAsync(exception));

        Assert.True(_circuit.IsOpen);
    }

    [Fact]
    public async Task AnErrorThatIsNotAboutTheConnection_LeavesTheCircuitClosed()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => FailAsync(new InvalidOperationException("a unique key")));
        await Assert.ThrowsAsync<OperationCanceledException>(() => FailAsync(new OperationCanceledException()));

        Assert.Equal("Closed", _circuit.State);
        Assert.Equal(0, _opened.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task TheBreak_LastsExactlyCircuitBreakSeconds_ThenTheCircuitIsHalfOpen()
    {
        _circuit.RecordFailure();

        _time.Advance(Break - TimeSpan.FromMilliseconds(1));
        Assert.Equal("Open", _circuit.State);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => RunAsync(1));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("HalfOpen", _circuit.State);
        Assert.False(_circuit.IsOpen);
    }

    [Fact]
    public async Task HalfOpen_ASuccessfulProbe_ClosesTheCircuit()
    {
        _circuit.RecordFailure();
        _time.Advance(Break);

        Assert.Equal(7, await RunAsync(7));

        Assert.Equal("Closed", _circuit.State);
        Assert.Equal(7, await RunAsync(7));
        Assert.Equal(["PrimaryCircuitOpened", "PrimaryCircuitClosed"], _logger.Collector.GetSnapshot().Select(r => r.Id.Name));
    }

    [Fact]
    public async Task HalfOpen_AFailedProbe_OpensTheCircuitForAnotherWholeBreak_WithoutCountingASecondOpening()
    {
        _circuit.RecordFailure();
        _time.Advance(Break + TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<TimeoutException>(() => FailAsync(new TimeoutException()));

        Assert.Equal("Open", _circuit.State);
        _time.Advance(Break - TimeSpan.FromMilliseconds(1));
        Assert.True(_circuit.IsOpen);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("HalfOpen", _circuit.State);
        Assert.Equal(1, _opened.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task HalfOpen_OnlyOneProbeRuns_OthersFailAtOnceUntilItAnswers()
    {
        _circuit.RecordFailure();
        _time.Advance(Break);
        var answer = new TaskCompletionSource<int>();
        var probe = _circuit.ExecuteAsync(_ => new ValueTask<int>(answer.Task), CancellationToken.None).AsTask();

        await Assert.ThrowsAsync<BrokenCircuitException>(() => RunAsync(1));
        Assert.Equal(0, _calls);

        answer.SetResult(3);
        Assert.Equal(3, await probe);
        Assert.Equal(1, await RunAsync(1));
    }

    [Fact]
    public async Task HalfOpen_AProbeCancelledByItsCaller_LetsTheNextRequestProbe()
    {
        _circuit.RecordFailure();
        _time.Advance(Break);

        await Assert.ThrowsAsync<OperationCanceledException>(() => FailAsync(new OperationCanceledException()));

        Assert.Equal("HalfOpen", _circuit.State);
        Assert.Equal(5, await RunAsync(5));
        Assert.Equal("Closed", _circuit.State);
    }

    [Fact]
    public void AFailureSeenWhileOpen_RestartsTheBreakFromNow()
    {
        _circuit.RecordFailure();
        _time.Advance(TimeSpan.FromSeconds(3));

        _circuit.RecordFailure();

        _time.Advance(Break - TimeSpan.FromMilliseconds(1));
        Assert.Equal("Open", _circuit.State);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("HalfOpen", _circuit.State);
        Assert.Equal(1, _opened.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    private async Task<int> RunAsync(int result) =>
        await _circuit.ExecuteAsync(_ =>
        {
            _calls++;
            return ValueTask.FromResult(result);
        }, CancellationToken.None);

    private async Task<int> FailAsync(Exception failure) =>
        await _circuit.ExecuteAsync<int>(_ =>
        {
            _calls++;
            throw failure;
        }, CancellationToken.None);
}
