using System.Data.Common;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Makes rows on one master equal to the other: upsert what the source has (parents first), delete what
/// it does not (children first). Never a delete-then-insert, so nothing cascades.
/// </summary>
public static class RowCopier
{
    public sealed record RowImage((string Table, long Id) Row, IReadOnlyDictionary<string, object?>? Image);

    public static async Task CopyAsync(MasterDatabase source, MasterDatabase target, IEnumerable<(string Table, long Id)> rows, CancellationToken ct)
    {
        IReadOnlyList<RowImage> images;
        await using (var from = await source.OpenAsync(ct))
        {
            images = await ReadAsync(from, null, null, rows, ct);
        }

        await WriteAsync(target, images, ct);
    }

    /// <summary>Reads the rows' current images, parents first; with <paramref name="lockWith"/>, locked until the transaction ends.</summary>
    public static async Task<IReadOnlyList<RowImage>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, SqlDialect? lockWith, IEnumerable<(string Table, long Id)> rows, CancellationToken ct)
    {
        var ordered = rows.Distinct().OrderBy(r => MasterTables.OrderOf(r.Table)).ThenBy(r => r.Id).ToList();
        var images = new List<RowImage>(ordered.Count);
        foreach (var row in ordered)
        {
            images.Add(new RowImage(row, await RowSql.ReadRowAsync(connection, transaction, row.Table, row.Id, ct, lockWith)));
        }

        return images;
    }

    /// <summary>Writes the images to the target in one transaction: upserts parents first, then deletes children first.</summary>
    public static async Task WriteAsync(MasterDatabase target, IReadOnlyList<RowImage> images, CancellationToken ct)
    {
        await using var to = await target.OpenAsync(ct);
        await using var transaction = await to.BeginTransactionAsync(ct);
        foreach (var (row, image) in images.Where(i => i.Image is not null))
        {
            await RowSql.UpsertAsync(to, transaction, target.Dialect, row.Table, image!, ct);
        }

        foreach (var (row, _) in images.Where(i => i.Image is null).Reverse())
        {
            await RowSql.ApplyAsync(to, transaction, target.Dialect, new RowWrite(RowWriteKind.Delete, row.Table, row.Id, new Dictionary<string, object?>()), ct);
        }

        await transaction.CommitAsync(ct);
    }
}
