namespace ReadingTracker.Api.Persistence;

/// <summary>Applies a whole batch to one master in one transaction, and restores it from before-images.</summary>
public static class BatchSql
{
    /// <summary>Tells the caller whether a failure happened before or during the commit.</summary>
    public sealed class Progress
    {
        public bool CommitStarted { get; set; }
    }

    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyAsync(
        MasterDatabase master, WriteBatch batch, bool captureBefore, CancellationToken ct, Progress? progress = null)
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

        progress?.CommitStarted = true;
        await transaction.CommitAsync(ct);
        return beforeImages;
    }

    public static async Task RestoreAsync(MasterDatabase master, WriteBatch batch, IReadOnlyList<IReadOnlyDictionary<string, object?>?> beforeImages)
    {
        await using var connection = await master.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        for (var i = batch.Writes.Count - 1; i >= 0; i--)
        {
            await RowSql.RestoreAsync(connection, transaction, master.Dialect, batch.Writes[i], beforeImages[i], CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }
}
