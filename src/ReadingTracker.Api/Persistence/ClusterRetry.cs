using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// In the Cluster topology the database replicates; what is left to the server is retrying what a cluster fails on
/// purpose or by accident (ADR-012). A transaction that lost certification to a conflicting write on another node
/// (Galera reports ER_LOCK_DEADLOCK at commit, and has rolled it back) or a lock wait is retried with backoff. A
/// transaction whose node died is retried — the connection pool opens the next one on a live node — but only when
/// it had not reached its COMMIT: after that, the outcome is unknown, and the client's retry with its clientId or
/// Idempotency-Key decides it. Reads are always retried.
/// </summary>
public sealed partial class ClusterRetry
{
    private readonly ResiliencePipeline _pipeline;

    public ClusterRetry(IOptions<DatabaseOptions> options, TimeProvider time, DatabaseMetrics metrics, ILogger<ClusterRetry> logger)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RetryableException>(),
                MaxRetryAttempts = options.Value.ClusterWriteAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(25),
                OnRetry = args =>
                {
                    var cause = args.Outcome.Exception?.InnerException;
                    metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("cluster_retry"));
                    LogRetry(logger, args.AttemptNumber + 1, cause?.GetType().Name ?? "?", cause?.Message ?? "");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="work"/>; a failure it marks retryable (<see cref="Retryable"/>) runs it again.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken ct) => _pipeline.ExecuteAsync(work, ct);

    /// <summary>Whether a failed attempt may run again: always for a lost conflict, for a dead node only before COMMIT.</summary>
    public static bool Retryable(Exception exception, bool commitStarted) =>
        SqlDialect.IsTransientConflict(exception) || (SqlDialect.IsConnectionFailure(exception) && !commitStarted);

    /// <summary>Wraps an attempt's failure that <see cref="Retryable"/> allows to run again.</summary>
    public sealed class RetryableException(Exception inner) : Exception(inner.Message, inner);

    [LoggerMessage(EventId = 1020, EventName = "ClusterAttemptRetried", Level = LogLevel.Warning,
        Message = "Cluster: attempt {Attempt} follows a {Error}: {Message}")]
    private static partial void LogRetry(ILogger logger, int attempt, string error, string message);
}
