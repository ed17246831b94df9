using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// A circuit breaker in front of Primary (Polly): once Primary fails at the connection level, reads go
/// straight to Secondary and writes answer 503 at once, instead of each request waiting for a connect
/// timeout. After the break one request probes Primary again (half-open).
/// </summary>
public sealed partial class PrimaryCircuit
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;

    public PrimaryCircuit(IOptions<DatabaseOptions> options, TimeProvider time, ILogger<PrimaryCircuit> logger)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(options.Value.CircuitBreakSeconds),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(SqlDialect.IsConnectionFailure),
                StateProvider = _state,
                OnOpened = args =>
                {
                    LogOpened(logger, args.BreakDuration.TotalSeconds);
                    DatabaseMetrics.CircuitOpened.Add(1);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>True while requests should not even try Primary.</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public string State => _state.CircuitState.ToString();

    /// <summary>Runs work against Primary; throws <see cref="BrokenCircuitException"/> at once while the circuit is open.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct) => _pipeline.ExecuteAsync(work, ct);

    [LoggerMessage(EventId = 1111, EventName = "PrimaryCircuitOpened", Level = LogLevel.Warning,
        Message = "Primary circuit opened: reads go to Secondary and writes answer 503 for {Seconds} s")]
    private static partial void LogOpened(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1112, EventName = "PrimaryCircuitClosed", Level = LogLevel.Information,
        Message = "Primary circuit closed: Primary answers again")]
    private static partial void LogClosed(ILogger logger);
}
