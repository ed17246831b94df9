using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Recovery;

/// <summary>What one pass did; Skipped: another instance held the recovery lease, so this one did nothing.</summary>
public sealed record RecoveryPassResult(int Completed, int Retrying, int GivenUp, bool Skipped = false);

/// <summary>Outbox entries replayed by one pass, those that failed, and when the oldest entry not yet due becomes due.</summary>
public sealed record OutboxReplayResult(int Replayed, int Failed, DateTimeOffset? NextDueAt, bool Skipped = false);

/// <summary>
/// One pass of the recovery worker: replay the outbox entries a dead server left on Primary, then for every
/// open event, copy its rows from the side that holds the truth to the other master. A failed event counts
/// an attempt; after the configured attempts it is given up with a CRITICAL alert. An outbox entry is retried
/// until Secondary takes it. Of several server instances, the one holding the "recovery" lease runs a pass; the
/// others skip it (<see cref="Leases"/>). Tests call <see cref="RunOnceAsync"/> and <see cref="ReplayOutboxAsync"/> directly.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "DI singleton for the process lifetime")]
public sealed partial class RecoveryPass(
    Masters masters, IRecoveryJournal journal, AlertSender alerts, Leases leases, IOptions<RecoveryOptions> options, DatabaseMetrics metrics,
    TimeProvider time, ILogger<RecoveryPass> logger)
{
    private const string Lease = "recovery";

    private readonly SemaphoreSlim _single = new(1, 1);

    public async Task<RecoveryPassResult> RunOnceAsync(CancellationToken ct)
    {
        if (masters.Secondary is not { } secondary)
        {
            return new RecoveryPassResult(0, 0, 0);
        }

        await _single.WaitAsync(ct);
        var lease = LeaseState.None;
        try
        {
            if ((lease = await TryLeaseAsync(ct)) == LeaseState.HeldElsewhere)
            {
                return new RecoveryPassResult(0, 0, 0, Skipped: true);
            }

            await ReplayDueAsync(secondary, ct);
            var (completed, retrying, givenUp) = (0, 0, 0);
            foreach (var entry in (await journal.ListAsync(ct)).Where(e => e.State == RecoveryState.Open))
            {
                var (source, target) = entry.Event.Truth == MasterRole.Primary ? (masters.Primary, secondary) : (secondary, masters.Primary);
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                try
                {
                    await RowCopier.CopyAsync(source, target, entry.Event.Rows.Select(r => (r.Table, r.Id)), ct);
                    await WriteOutbox.DeleteCoveredAsync(masters.Primary, [.. entry.Event.Rows.Select(r => (r.Table, r.Id))], ct);
                    await journal.UpdateAsync(entry with { State = RecoveryState.Done, Attempts = entry.Attempts + 1, UpdatedAt = now }, ct);
                    metrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("done"));
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
                        metrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("failed"));
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
            await ReleaseAsync(lease);
            _single.Release();
        }
    }

    /// <summary>Replays the outbox entries older than the grace period (at start-up, and whenever one becomes due).</summary>
    public async Task<OutboxReplayResult> ReplayOutboxAsync(CancellationToken ct)
    {
        if (masters.Secondary is not { } secondary)
        {
            return new OutboxReplayResult(0, 0, null);
        }

        await _single.WaitAsync(ct);
        var lease = LeaseState.None;
        try
        {
            return (lease = await TryLeaseAsync(ct)) == LeaseState.HeldElsewhere
                // The holder may have died mid-pass: try again once its lease could have run out.
                ? new OutboxReplayResult(0, 0, time.GetUtcNow() + leases.Duration, Skipped: true)
                : await ReplayDueAsync(secondary, ct);
        }
        finally
        {
            await ReleaseAsync(lease);
            _single.Release();
        }
    }

    private enum LeaseState
    {
        None,
        Held,
        HeldElsewhere,
        PrimaryUnreachable,
    }

    /// <summary>
    /// The lease lives on Primary. A Primary out of reach cannot say who holds it: the pass runs anyway, as it did
    /// before there were leases — with Primary down, all it can do is count failed attempts.
    /// </summary>
    private async Task<LeaseState> TryLeaseAsync(CancellationToken ct)
    {
        try
        {
            return await leases.TryAcquireAsync(masters.Primary, Lease, ct) ? LeaseState.Held : LeaseState.HeldElsewhere;
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            return LeaseState.PrimaryUnreachable;
        }
    }

    private Task ReleaseAsync(LeaseState lease) => lease == LeaseState.Held ? leases.ReleaseAsync(masters.Primary, Lease) : Task.CompletedTask;

    private async Task<OutboxReplayResult> ReplayDueAsync(MasterDatabase secondary, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(options.Value.OutboxGraceSeconds);
        var (replayed, failed) = (0, 0);
        while (true)
        {
            var cutoff = (time.GetUtcNow() - grace).ToUnixTimeMilliseconds();
            var (due, next) = await WriteOutbox.ListAsync(masters.Primary, cutoff, 100, ct);
            foreach (var entry in due)
            {
                try
                {
                    if (await WriteOutbox.ReplayAsync(masters.Primary, secondary, entry, ct))
                    {
                        replayed++;
                        metrics.OutboxReplays.Add(1, DatabaseMetrics.Outcome("replayed"));
                        LogOutboxReplayed(logger, entry.Id, WriteOutbox.Describe(entry), time.GetUtcNow().ToUnixTimeMilliseconds() - entry.CreatedAt);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    failed++;
                    metrics.OutboxReplays.Add(1, DatabaseMetrics.Outcome("failed"));
                    LogOutboxReplayFailed(logger, entry.Id, ex.Message);
                }
            }

            // A full page that all went through may have more behind it; any failure waits for the next pass.
            if (due.Count < 100 || failed > 0)
            {
                return new OutboxReplayResult(replayed, failed, next is { } n ? DateTimeOffset.FromUnixTimeMilliseconds(n) + grace : null);
            }
        }
    }

    [LoggerMessage(EventId = 1404, EventName = "OutboxEntryReplayed", Level = LogLevel.Warning,
        Message = "Outbox entry {OutboxId} ({Rows}) replayed from Primary to Secondary {AgeMs} ms after its write: the server that wrote it stopped between the masters")]
    private static partial void LogOutboxReplayed(ILogger logger, long outboxId, string rows, long ageMs);

    [LoggerMessage(EventId = 1405, EventName = "OutboxReplayFailed", Level = LogLevel.Warning,
        Message = "Outbox entry {OutboxId} could not be replayed; the next pass tries again: {Error}")]
    private static partial void LogOutboxReplayFailed(ILogger logger, long outboxId, string error);

    [LoggerMessage(EventId = 1401, EventName = "RecoveryEventCompleted", Level = LogLevel.Information,
        Message = "Recovery event {EventId}: {Rows} rows copied from {Source} to {Target}")]
    private static partial void LogRecovered(ILogger logger, Guid eventId, int rows, string source, string target);

    [LoggerMessage(EventId = 1402, EventName = "RecoveryAttemptFailed", Level = LogLevel.Warning,
        Message = "Recovery event {EventId}: attempt {Attempt} of {MaxAttempts} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid eventId, int attempt, int maxAttempts, string error);
}
