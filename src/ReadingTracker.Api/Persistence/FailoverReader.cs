using System.Data.Common;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Every read goes through here (docs/contract.md §6.4): Primary first, behind a circuit breaker and a deadline;
/// only a connection-level failure, a hung Primary or an open circuit sends the read to Secondary.
/// Business outcomes are not exceptions of the database and never fail over. Both down → 503. A request that writes
/// does not read on Secondary: 503 at once, as its write would be. Secondary may lag behind Primary for rows a
/// recovery event has yet to repair, and a write decided on that copy would answer for good what Primary does not
/// hold (a delete "done" for a memo Primary still has, an edit refused as not found).
/// </summary>
public sealed partial class FailoverReader(
    Masters masters, PrimaryCircuit circuit, ClusterRetry clusterRetry, IOptions<DatabaseOptions> options, DatabaseMetrics metrics, TimeProvider time,
    ILogger<FailoverReader> logger)
{
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct)
    {
        if (masters.IsCluster)
        {
            return await ReadClusterAsync(read, ct);
        }

        try
        {
            var deadline = TimeSpan.FromMilliseconds(options.Value.ReadAttemptTimeoutMilliseconds);
            // The deadline abandons a read that a hung (SIGSTOPped) Primary never answers; the abandoned
            // attempt ends on its own with the command timeout and returns its connection to the pool.
            return await circuit.ExecuteAsync(async token => await ReadOnAsync(masters.Primary, read, token).WaitAsync(deadline, time, token), ct);
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex) || ex is BrokenCircuitException)
        {
            if (RequestConnections.Current is { Writes: true })
            {
                throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
            }

            if (masters.Secondary is not { } secondary)
            {
                LogReadFailed(logger, ex, masters.Primary.Name, ex.Message);
                throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
            }

            if (ex is not BrokenCircuitException)
            {
                LogReadFailover(logger, ex.Message);
            }

            metrics.ReadFailovers.Add(1);
            try
            {
                return await ReadOnAsync(secondary, read, ct);
            }
            catch (Exception secondaryEx) when (SqlDialect.IsConnectionFailure(secondaryEx))
            {
                LogReadFailed(logger, secondaryEx, secondary.Name, secondaryEx.Message);
                throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
            }
        }
    }

    /// <summary>Cluster topology: a read that lost its node runs again on a fresh connection, which the pool opens on a live node.</summary>
    private async Task<T> ReadClusterAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct)
    {
        try
        {
            return await clusterRetry.ExecuteAsync(async token =>
            {
                try
                {
                    return await ReadOnAsync(masters.Primary, read, token);
                }
                catch (Exception ex) when (ClusterRetry.Retryable(ex, commitStarted: false))
                {
                    throw new ClusterRetry.RetryableException(ex);
                }
            }, ct);
        }
        catch (ClusterRetry.RetryableException ex)
        {
            LogReadFailed(logger, ex, "the cluster", ex.Message);
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }
    }

    // On the request's connection to that master: a read abandoned at its deadline keeps it, and the request's
    // next use of that master opens another (RequestConnections).
    private static Task<T> ReadOnAsync<T>(MasterDatabase master, Func<DbConnection, Task<T>> read, CancellationToken ct) =>
        master.UseAsync(read, ct);

    [LoggerMessage(EventId = 1101, EventName = "ReadFailover", Level = LogLevel.Warning,
        Message = "Primary unreachable for a read; reading from Secondary: {Error}")]
    private static partial void LogReadFailover(ILogger logger, string error);

    [LoggerMessage(EventId = 1102, EventName = "ReadFailed", Level = LogLevel.Error,
        Message = "Read failed on {Master}; no master left to try: {Error}")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string master, string error);
}
