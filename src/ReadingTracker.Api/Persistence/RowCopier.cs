namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Makes rows on one master equal to the other: upsert what the source has (parents first), delete what
/// it does not (children first). Never a delete-then-insert, so nothing cascades.
/// </summary>
public static class RowCopier
{
    public static async Task CopyAsync(MasterDatabase source, MasterDatabase target, IEnumerable<(string Table, long Id)> rows, CancellationToken ct)
    {
        var ordered = rows.Distinct().OrderBy(r => MasterTables.OrderOf(r.Table)).ThenBy(r => r.Id).ToList();
        var images = new List<((string Table, long Id) Row, IReadOnlyDictionary<string, object?>? Image)>(ordered.Count);
        await using (var from = await source.OpenAsync(ct))
        {
            foreach (var row in ordered)
            {
                images.Add((row, await RowSql.ReadRowAsync(from, null, row.Table, row.Id, ct)));
            }
        }

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
