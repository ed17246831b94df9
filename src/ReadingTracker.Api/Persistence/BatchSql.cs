namespace ReadingTracker.Api.Persistence;

/// <summary>Applies a whole batch to one master in one transaction, and restores it from before-images.</summary>
public static class BatchSql
{
    /// <summary>Tells the caller whether a failure happened before or during the commit.</summary>
    public sealed class Progress
    {
        public bool CommitStarted { get; set; }
    }

    /// <summary>
    /// Applies the batch in one transaction, with the outbox entry when one is given (Primary of a pair). With
    /// <paramref name="captureBefore"/>, returns each row's before-image read inside that transaction — for
    /// updates and deletes only: an insert's id was just made by the server and an increment is undone by its
    /// inverse, so neither needs one.
    /// </summary>
    /// <param name="clock">When given, stamps the outbox entry as it is inserted, after any lock waits of the batch:
    /// its grace period then counts from the commit, not from before the transaction began.</param>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyAsync(
        MasterDatabase master, WriteBatch batch, OutboxEntry? outbox, bool captureBefore, CancellationToken ct, Progress? progress = null,
        TimeProvider? clock = null)
    {
        var beforeImages = new List<IReadOnlyDictionary<string, object?>?>(batch.Writes.Count);
        await using var connection = await master.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var write in batch.Writes)
        {
            if (captureBefore)
            {
                beforeImages.Add(write.Kind is RowWriteKind.Update or RowWriteKind.Delete
                    ? await RowSql.ReadRowAsync(connection, transaction, write.Table, write.Id, ct, forUpdate: master.Dialect)
                    : null);
            }

            await RowSql.ApplyAsync(connection, transaction, master.Dialect, write, ct);
        }

        if (outbox is not null)
        {
            await WriteOutbox.InsertAsync(connection, transaction, clock is null ? outbox : outbox with { CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() }, ct);
        }

        progress?.CommitStarted = true;
        await transaction.CommitAsync(ct);
        return beforeImages;
    }

    /// <summary>Undoes the batch, last write first. Returns the rows left alone because a concurrent write changed them since.</summary>
    public static async Task<IReadOnlyList<RowWrite>> RestoreAsync(MasterDatabase master, WriteBatch batch, IReadOnlyList<IReadOnlyDictionary<string, object?>?> beforeImages)
    {
        var skipped = new List<RowWrite>();
        await using var connection = await master.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        for (var i = batch.Writes.Count - 1; i >= 0; i--)
        {
            if (!await RowSql.RestoreAsync(connection, transaction, master.Dialect, batch.Writes[i], beforeImages[i], CancellationToken.None))
            {
                skipped.Add(batch.Writes[i]);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        return skipped;
    }
}
