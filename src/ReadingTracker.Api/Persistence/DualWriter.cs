using Dapper;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// The one write path: apply a batch to Primary, capturing the before-images of updated and deleted rows
/// inside the Primary transaction together with an outbox entry (the durable intent), then to Secondary,
/// then clear the entry. When Secondary fails, the Primary change is undone from the before-images — row by
/// row, only where the row still holds what this write put there — and the caller gets 503. Whenever the
/// outcome on the masters is uncertain — the undo failed, or a commit's answer was lost — the rows are
/// recorded as a durable recovery event, and the recovery worker copies them from Primary (the side that
/// holds the truth) to Secondary. If the process itself dies after the Primary commit, the outbox entry is
/// what is left, and the recovery pass replays it (docs/decisions/ADR-006-write-outbox.md).
/// </summary>
public sealed partial class DualWriter(
    Masters masters,
    IdGenerator ids,
    PrimaryCircuit circuit,
    ClusterRetry clusterRetry,
    SchemaMigrator migrator,
    IRecoveryJournal journal,
    IOptions<DatabaseOptions> options,
    DatabaseMetrics metrics,
    SettledOutbox settled,
    TimeProvider time,
    ILogger<DualWriter> logger)
{
    public async Task WriteAsync(WriteBatch batch, CancellationToken ct)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        var outbox = masters.Secondary is null ? null : OutboxEntry.For(batch, ids.NextId(), time.GetUtcNow().ToUnixTimeMilliseconds());
        var beforeImages = await ApplyToPrimaryAsync(batch, outbox, ct);
        if (masters.Secondary is not { } secondary)
        {
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("ok_single"));
            return;
        }

        // Primary has committed: from here on the request's cancellation must not leave the masters apart.
        try
        {
            await migrator.EnsureMigratedAsync(secondary, CancellationToken.None);
            await BatchSql.ApplyAsync(secondary, batch, outbox: null, captureBefore: false, CancellationToken.None);
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("ok"));
        }
        catch (Exception ex)
        {
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("secondary_failed"));
            LogSecondaryWriteFailed(logger, ex, batch.Writes[0].Table, batch.Writes[0].Id, ex.Message);
            // A Secondary that failed may come back rebuilt, with an empty schema: check it again before its next write.
            migrator.Invalidate(secondary.Role);
            var compensated = await CompensateAsync(batch, beforeImages);
            // Even after a clean undo, Secondary may have committed and lost only its answer: let the
            // recovery worker make Secondary equal to Primary for these rows.
            // Until the event is recorded the outbox entry is what guards these rows (a crash here leaves it, and
            // its replay makes Secondary equal to Primary); once the event is durable it carries the repair.
            if (await RecordAsync(batch, compensated ? "secondary failed: " + ex.Message : "compensation failed after: " + ex.Message))
            {
                ClearOutbox(outbox!);
            }

            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }

        ClearOutbox(outbox!);
    }

    /// <summary>
    /// A retried write that finds its rows already on Primary (by clientId) answers success only once they are
    /// settled on both masters: no outbox entry covers them any more — the first attempt may still be between the
    /// masters, or about to compensate them away, or have died there — and Secondary holds them. 503 meanwhile;
    /// the client retries, and the first attempt's outcome or the outbox replay settles the rows.
    /// </summary>
    public async Task ConfirmOnBothAsync(string table, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (masters.Secondary is not { } secondary || ids.Count == 0)
        {
            return;
        }

        // A concurrent first attempt (the other tab) is usually milliseconds from settling: wait for it a little
        // before asking the client to come back.
        var deadline = time.GetUtcNow() + ConfirmPatience;
        while (true)
        {
            var (unsettled, found) = await CheckSettledAsync(secondary, table, ids, ct);
            if (!unsettled && found == ids.Count)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                LogRetryAheadOfSecondary(logger, ids.Count - found, table, unsettled);
                throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }

    private static readonly TimeSpan ConfirmPatience = TimeSpan.FromSeconds(2);

    private async Task<(bool Unsettled, int Found)> CheckSettledAsync(MasterDatabase secondary, string table, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        try
        {
            // Entries exist only for writes in flight or left by a dead server: a handful of rows to read.
            var unsettled = await WriteOutbox.CoversAnyAsync(masters.Primary, table, ids, ct);
            var found = int.MaxValue;
            foreach (var master in new[] { masters.Primary, secondary })
            {
                // On Primary too: a first attempt that settled by compensating has taken its rows away there.
                await migrator.EnsureMigratedAsync(master, ct);
                found = Math.Min(found, (await master.UseAsync(connection => connection.QueryAsync<long>(new CommandDefinition(
                    $"SELECT id FROM {table} WHERE id IN @ids", new { ids }, cancellationToken: ct)), ct)).Count());
            }

            return (unsettled, found);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Either master unreachable, or rebuilt without its schema: the rows cannot be confirmed now.
            LogConfirmFailed(logger, ex, table, ex.Message);
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }
    }

    /// <summary>
    /// Secondary has the batch: the entry goes to <see cref="SettledOutbox"/>, which deletes it off the request path
    /// together with the others that settled meanwhile. Until then it reads as in flight, which only makes a retry wait.
    /// </summary>
    private void ClearOutbox(OutboxEntry outbox) => settled.Add(outbox.Id);

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyToPrimaryAsync(WriteBatch batch, OutboxEntry? outbox, CancellationToken ct)
    {
        if (masters.IsCluster)
        {
            return await ApplyToClusterAsync(batch, ct);
        }

        if (circuit.IsOpen)
        {
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("primary_circuit_open"));
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }

        var progress = new BatchSql.Progress();
        try
        {
            await migrator.EnsureMigratedAsync(masters.Primary, ct);
            return await BatchSql.ApplyAsync(masters.Primary, batch, outbox, captureBefore: masters.Secondary is not null, ct, progress, time);
        }
        catch (Exception ex) when (masters.Primary.Dialect.IsUniqueViolation(ex))
        {
            throw new UniqueViolationException(ex);
        }
        catch (Exception ex) when (SqlDialect.IsTransientConflict(ex))
        {
            // Primary rolled the transaction back: nothing was written anywhere; the client retries.
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("primary_conflict"));
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds, lockConflict: true);
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("primary_failed"));
            LogPrimaryWriteFailed(logger, ex, ex.Message);
            migrator.Invalidate(masters.Primary.Role);
            circuit.RecordFailure();
            if (progress.CommitStarted && masters.Secondary is not null)
            {
                // The commit may have happened with its answer lost: Primary decides, later.
                await RecordAsync(batch, "primary commit outcome unknown: " + ex.Message);
            }

            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }
    }

    /// <summary>
    /// Cluster topology: one transaction on one node; the cluster replicates it. No circuit breaker — another node
    /// takes the retry — and no recovery event: the cluster has no second copy for the server to repair.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyToClusterAsync(WriteBatch batch, CancellationToken ct)
    {
        try
        {
            return await clusterRetry.ExecuteAsync(async token =>
            {
                var progress = new BatchSql.Progress();
                try
                {
                    await migrator.EnsureMigratedAsync(masters.Primary, token);
                    return await BatchSql.ApplyAsync(masters.Primary, batch, outbox: null, captureBefore: false, token, progress, time);
                }
                catch (Exception ex) when (ClusterRetry.Retryable(ex, progress.CommitStarted))
                {
                    throw new ClusterRetry.RetryableException(ex);
                }
            }, ct);
        }
        catch (Exception ex) when (masters.Primary.Dialect.IsUniqueViolation(ex))
        {
            throw new UniqueViolationException(ex);
        }
        catch (Exception ex) when (ex is ClusterRetry.RetryableException || SqlDialect.IsConnectionFailure(ex))
        {
            // Out of attempts, or the node died during COMMIT (outcome unknown: the client's retry finds out).
            metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("cluster_failed"));
            LogClusterWriteFailed(logger, ex, ex.InnerException?.Message ?? ex.Message);
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }
    }

    private async Task<bool> CompensateAsync(WriteBatch batch, IReadOnlyList<IReadOnlyDictionary<string, object?>?> beforeImages)
    {
        try
        {
            var skipped = await BatchSql.RestoreAsync(masters.Primary, batch, beforeImages);
            foreach (var write in skipped)
            {
                // A concurrent write changed the row after ours: restoring our before-image would erase it.
                // The recovery event recorded next copies Primary's row, whatever it holds, to Secondary.
                LogCompensationSkipped(logger, write.Table, write.Id);
            }

            metrics.Compensations.Add(1, DatabaseMetrics.Outcome(skipped.Count == 0 ? "ok" : "ok_with_concurrent_writes"));
            LogCompensated(logger, batch.Writes.Count, batch.Writes[0].Table, batch.Writes[0].Id);
            return true;
        }
        catch (Exception ex)
        {
            metrics.Compensations.Add(1, DatabaseMetrics.Outcome("failed"));
            LogCompensationFailed(logger, ex, batch.Writes[0].Table, batch.Writes[0].Id, ex.Message);
            return false;
        }
    }

    private async Task<bool> RecordAsync(WriteBatch batch, string reason)
    {
        var rows = batch.Writes.Select(w => new RecoveryRow(w.Table, w.Id)).Distinct().ToList();
        var recoveryEvent = new RecoveryEvent(Guid.NewGuid(), MasterRole.Primary, rows, reason, time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await journal.RecordAsync(recoveryEvent, CancellationToken.None);
            metrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("recorded"));
            LogRecoveryRecorded(logger, recoveryEvent.Id, rows.Count, reason);
            return true;
        }
        catch (Exception ex)
        {
            metrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("not_recorded"));
            LogRecoveryNotRecorded(logger, ex, rows.Count, ex.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 1001, EventName = "DualWritePrimaryFailed", Level = LogLevel.Error,
        Message = "Write to Primary failed: {Error}")]
    private static partial void LogPrimaryWriteFailed(ILogger logger, Exception exception, string error);

    [LoggerMessage(EventId = 1021, EventName = "ClusterWriteFailed", Level = LogLevel.Error,
        Message = "Cluster write failed after its retries, or its node died during COMMIT: {Error}")]
    private static partial void LogClusterWriteFailed(ILogger logger, Exception exception, string error);

    [LoggerMessage(EventId = 1002, EventName = "DualWriteSecondaryFailed", Level = LogLevel.Error,
        Message = "Write to Secondary failed after Primary committed ({Table} {Id}); compensating Primary: {Error}")]
    private static partial void LogSecondaryWriteFailed(ILogger logger, Exception exception, string table, long id, string error);

    [LoggerMessage(EventId = 1003, EventName = "DualWriteCompensated", Level = LogLevel.Warning,
        Message = "Primary restored from before-images ({Rows} row writes, first {Table} {Id})")]
    private static partial void LogCompensated(ILogger logger, int rows, string table, long id);

    [LoggerMessage(EventId = 1004, EventName = "DualWriteCompensationFailed", Level = LogLevel.Critical,
        Message = "CRITICAL: compensation on Primary failed ({Table} {Id}); masters diverge until recovery: {Error}")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, string table, long id, string error);

    [LoggerMessage(EventId = 1007, EventName = "DualWriteCompensationSkippedRow", Level = LogLevel.Warning,
        Message = "Compensation left {Table} {Id} alone: a concurrent write changed it after this one; recovery copies it from Primary")]
    private static partial void LogCompensationSkipped(ILogger logger, string table, long id);

    [LoggerMessage(EventId = 1009, EventName = "RetryFoundRowsOnPrimaryOnly", Level = LogLevel.Warning,
        Message = "A retried write found its {Table} rows on Primary, {Missing} of them missing on Secondary (an outbox entry still covers them: {Unsettled}); answered 503 until they are settled")]
    private static partial void LogRetryAheadOfSecondary(ILogger logger, int missing, string table, bool unsettled);

    [LoggerMessage(EventId = 1010, EventName = "RetryConfirmFailed", Level = LogLevel.Warning,
        Message = "A retried write's {Table} rows could not be confirmed on both masters; answered 503: {Error}")]
    private static partial void LogConfirmFailed(ILogger logger, Exception exception, string table, string error);

    [LoggerMessage(EventId = 1005, EventName = "RecoveryEventRecorded", Level = LogLevel.Warning,
        Message = "Recovery event {EventId} recorded for {Rows} rows: {Reason}")]
    private static partial void LogRecoveryRecorded(ILogger logger, Guid eventId, int rows, string reason);

    [LoggerMessage(EventId = 1006, EventName = "RecoveryEventNotRecorded", Level = LogLevel.Critical,
        Message = "CRITICAL: a recovery event for {Rows} rows could not be recorded; run the consistency check: {Error}")]
    private static partial void LogRecoveryNotRecorded(ILogger logger, Exception exception, int rows, string error);
}
