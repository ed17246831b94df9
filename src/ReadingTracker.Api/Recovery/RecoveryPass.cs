using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Recovery;

public sealed record RecoveryPassResult(int Completed, int Retrying, int GivenUp);

/// <summary>
/// One pass of the recovery worker: for every open event, copy its rows from the side that holds the
/// truth to the other master. A failure counts an attempt; after the configured attempts the event is
/// given up with a CRITICAL alert. Tests call <see cref="RunOnceAsync"/> directly.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "DI singleton for the process lifetime")]
public sealed partial class RecoveryPass(
    Masters masters, IRecoveryJournal journal, AlertSender alerts, IOptions<RecoveryOptions> options, TimeProvider time, ILogger<RecoveryPass> logger)
{
    private readonly SemaphoreSlim _single = new(1, 1);

    public async Task<RecoveryPassResult> RunOnceAsync(CancellationToken ct)
    {
        if (masters.Secondary is not { } secondary)
        {
            return new RecoveryPassResult(0, 0, 0);
        }

        await _single.WaitAsync(ct);
        try
        {
            var (completed, retrying, givenUp) = (0, 0, 0);
            foreach (var entry in (await journal.ListAsync(ct)).Where(e => e.State == RecoveryState.Open))
            {
                var (source, target) = entry.Event.Truth == MasterRole.Primary ? (masters.Primary, secondary) : (secondary, masters.Primary);
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                try
                {
                    await RowCopier.CopyAsync(source, target, entry.Event.Rows.Select(r => (r.Table, r.Id)), ct);
                    await journal.UpdateAsync(entry with { State = RecoveryState.Done, Attempts = entry.Attempts + 1, UpdatedAt = now }, ct);
                    DatabaseMetrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("done"));
                    LogRecovered(logger, entry.Event.Id, entry.Event.Rows.Count, source.Name, target.Name);
                    completed++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    var attempts = entry.Attempts + 1;
                    var giveUp = attempts >= options.Value.MaxAttempts;
                    var updated = entry with { State = giveUp ? RecoveryState.Failed : RecoveryState.Open, Attempts = attempts, LastError = ex.Message, UpdatedAt = now };
                    await journal.UpdateAsync(updated, ct);
                    LogAttemptFailed(logger, entry.Event.Id, attempts, options.Value.MaxAttempts, ex.Message);
                    if (giveUp)
                    {
                        DatabaseMetrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("failed"));
                        await alerts.RaiseCriticalAsync(updated, ct);
                        givenUp++;
                    }
                    else
                    {
                        retrying++;
                    }
                }
            }

            return new RecoveryPassResult(completed, retrying, givenUp);
        }
        finally
        {
            _single.Release();
        }
    }

    [LoggerMessage(EventId = 1401, EventName = "RecoveryEventCompleted", Level = LogLevel.Information,
        Message = "Recovery event {EventId}: {Rows} rows copied from {Source} to {Target}")]
    private static partial void LogRecovered(ILogger logger, Guid eventId, int rows, string source, string target);

    [LoggerMessage(EventId = 1402, EventName = "RecoveryAttemptFailed", Level = LogLevel.Warning,
        Message = "Recovery event {EventId}: attempt {Attempt} of {MaxAttempts} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid eventId, int attempt, int maxAttempts, string error);
}
