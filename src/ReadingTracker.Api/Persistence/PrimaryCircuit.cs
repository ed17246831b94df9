using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// A circuit breaker in front of Primary: the first connection-level failure (refused, reset, or a read
/// deadline a hung Primary let pass) opens it, so reads go straight to Secondary and writes answer 503
/// at once, instead of each request waiting for a connect timeout. After the break one request probes
/// Primary again (half-open); its success closes the circuit, its failure opens it for another break.
/// </summary>
/// <remarks>
/// Deliberately not a failure-ratio breaker: with many recent successes in its window a ratio breaker
/// needs as many failures again before it opens, and each of those requests waits the whole read
/// deadline on a hung Primary (measured: 4.5 s for the first request). One connection failure is
/// already strong evidence here, and the price of a false alarm is small: reads are served by
/// Secondary (same data), writes answer 503 + Retry-After for one break.
/// </remarks>
public sealed partial class PrimaryCircuit(IOptions<DatabaseOptions> options, DatabaseMetrics metrics, TimeProvider time, ILogger<PrimaryCircuit> logger)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _openUntil;
    private bool _probing;

    /// <summary>True while requests should not even try Primary (open, and the break has not passed).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is { } until && time.GetUtcNow() < until;
            }
        }
    }

    public string State
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is null ? "Closed" : time.GetUtcNow() < _openUntil ? "Open" : "HalfOpen";
            }
        }
    }

    /// <summary>Runs work against Primary; throws <see cref="BrokenCircuitException"/> at once while the circuit is open.</summary>
    public async ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct)
    {
        var probe = Enter();
        try
        {
            var result = await work(ct);
            RecordSuccess();
            return result;
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            RecordFailure();
            throw;
        }
        finally
        {
            if (probe)
            {
                lock (_lock)
                {
                    _probing = false;
                }
            }
        }
    }

    /// <summary>A connection-level failure of Primary seen elsewhere (the write path): open the circuit.</summary>
    public void RecordFailure()
    {
        lock (_lock)
        {
            var wasOpen = _openUntil is not null;
            _openUntil = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.CircuitBreakSeconds);
            if (!wasOpen)
            {
                metrics.CircuitOpened.Add(1);
                LogOpened(logger, options.Value.CircuitBreakSeconds);
            }
        }
    }

    private bool Enter()
    {
        lock (_lock)
        {
            if (_openUntil is not { } until)
            {
                return false;
            }

            if (time.GetUtcNow() < until || _probing)
            {
                throw new BrokenCircuitException("Primary circuit is open.");
            }

            _probing = true;
            return true;
        }
    }

    private void RecordSuccess()
    {
        lock (_lock)
        {
            if (_openUntil is null)
            {
                return;
            }

            _openUntil = null;
        }

        LogClosed(logger);
    }

    [LoggerMessage(EventId = 1111, EventName = "PrimaryCircuitOpened", Level = LogLevel.Warning,
        Message = "Primary circuit opened: reads go to Secondary and writes answer 503 for {Seconds} s")]
    private static partial void LogOpened(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1112, EventName = "PrimaryCircuitClosed", Level = LogLevel.Information,
        Message = "Primary circuit closed: Primary answers again")]
    private static partial void LogClosed(ILogger logger);
}
