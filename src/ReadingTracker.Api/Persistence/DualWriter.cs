using System.Data.Common;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// The one write path (SPEC §4.2): apply a batch to Primary, capturing each row's before-image inside
/// the Primary transaction, then to Secondary. When Secondary fails, the Primary change is undone from
/// the before-images and the caller gets 503; when the undo fails too, a durable recovery event is
/// recorded for the recovery worker.
/// </summary>
public sealed partial class DualWriter(
    Masters masters,
    SchemaMigrator migrator,
    IRecoveryJournal journal,
    IOptions<DatabaseOptions> options,
    ILogger<DualWriter> logger)
{
    public async Task WriteAsync(WriteBatch batch, CancellationToken ct)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        var beforeImages = await ApplyToPrimaryAsync(batch, ct);
        if (masters.Secondary is not { } secondary)
        {
            return;
        }

        // Primary has committed: from here on the request's cancellation must not leave the masters apart.
        try
        {
            await migrator.EnsureMigratedAsync(secondary, CancellationToken.None);
            await ApplyAsync(secondary, batch, captureBefore: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogSecondaryWriteFailed(logger, ex, batch.Writes[0].Table, batch.Writes[0].Id, ex.Message);
            await CompensateAsync(batch, beforeImages);
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyToPrimaryAsync(WriteBatch batch, CancellationToken ct)
    {
        try
        {
            await migrator.EnsureMigratedAsync(masters.Primary, ct);
            return await ApplyAsync(masters.Primary, batch, captureBefore: true, ct);
        }
        catch (Exception ex) when (masters.Primary.Dialect.IsUniqueViolation(ex))
        {
            throw new UniqueViolationException(ex);
        }
        catch (Exception ex) when (SqlDialect.IsConnectionFailure(ex))
        {
            LogPrimaryWriteFailed(logger, ex, ex.Message);
            throw new DatabaseUnavailableException(options.Value.RetryAfterSeconds);
        }
    }

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyAsync(
        MasterDatabase master, WriteBatch batch, bool captureBefore, CancellationToken ct)
    {
        var beforeImages = new List<IReadOnlyDictionary<string, object?>?>(batch.Writes.Count);
        await using var connection = await master.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var write in batch.Writes)
        {
            if (captureBefore)
            {
                beforeImages.Add(await RowSql.ReadRowAsync(connection, transaction, write.Table, write.Id, ct));
            }

            await RowSql.ApplyAsync(connection, transaction, master.Dialect, write, ct);
        }

        await transaction.CommitAsync(ct);
        return beforeImages;
    }

    private async Task CompensateAsync(WriteBatch batch, IReadOnlyList<IReadOnlyDictionary<string, object?>?> beforeImages)
    {
        try
        {
            await using var connection = await masters.Primary.OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            for (var i = batch.Writes.Count - 1; i >= 0; i--)
            {
                await RowSql.RestoreAsync(connection, transaction, masters.Primary.Dialect, batch.Writes[i], beforeImages[i], CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
            LogCompensated(logger, batch.Writes.Count, batch.Writes[0].Table, batch.Writes[0].Id);
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or TimeoutException)
        {
            var rows = batch.Writes.Select(w => new RecoveryRow(w.Table, w.Id)).Distinct().ToList();
            LogCompensationFailed(logger, ex, batch.Writes[0].Table, batch.Writes[0].Id, ex.Message);
            await journal.RecordAsync(new RecoveryEvent(Guid.NewGuid(), MasterRole.Primary, rows, ex.Message), CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 1001, EventName = "DualWritePrimaryFailed", Level = LogLevel.Error,
        Message = "Write to Primary failed; nothing was written: {Error}")]
    private static partial void LogPrimaryWriteFailed(ILogger logger, Exception exception, string error);

    [LoggerMessage(EventId = 1002, EventName = "DualWriteSecondaryFailed", Level = LogLevel.Error,
        Message = "Write to Secondary failed after Primary committed ({Table} {Id}); compensating Primary: {Error}")]
    private static partial void LogSecondaryWriteFailed(ILogger logger, Exception exception, string table, long id, string error);

    [LoggerMessage(EventId = 1003, EventName = "DualWriteCompensated", Level = LogLevel.Warning,
        Message = "Primary restored from before-images ({Rows} row writes, first {Table} {Id})")]
    private static partial void LogCompensated(ILogger logger, int rows, string table, long id);

    [LoggerMessage(EventId = 1004, EventName = "DualWriteCompensationFailed", Level = LogLevel.Critical,
        Message = "CRITICAL: compensation on Primary failed ({Table} {Id}); masters diverge until recovery: {Error}")]
    private static partial void LogCompensationFailed(ILogger logger, Exception exception, string table, long id, string error);
}
