using System.Globalization;
using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Consistency;

public sealed record RowDifference(string Table, long Id, string Kind, IReadOnlyDictionary<string, object?>? Primary, IReadOnlyDictionary<string, object?>? Secondary);

public sealed record TableReport(string Table, long PrimaryRows, long SecondaryRows, int Differences);

public sealed record ConsistencyReport(bool Consistent, IReadOnlyList<TableReport> Tables, IReadOnlyList<RowDifference> Differences);

/// <summary>
/// Compares the masters table by table, row by row (a merge of both sides ordered by id, read in
/// pages), and copies a chosen side over the other for every row that differs.
/// </summary>
public sealed class ConsistencyChecker(Masters masters)
{
    private const int PageSize = 1000;

    public async Task<ConsistencyReport> CheckAsync(CancellationToken ct)
    {
        var secondary = masters.Secondary ?? throw new InvalidOperationException("Single-master mode: there is nothing to compare.");
        var tables = new List<TableReport>();
        var differences = new List<RowDifference>();
        await using var p = await masters.Primary.OpenAsync(ct);
        await using var s = await secondary.OpenAsync(ct);
        foreach (var table in MasterTables.All)
        {
            var before = differences.Count;
            var (primaryRows, secondaryRows) = (0L, 0L);
            var afterId = long.MinValue;
            while (true)
            {
                var left = await PageAsync(p, table, afterId, ct);
                var right = await PageAsync(s, table, afterId, ct);
                if (left.Count == 0 && right.Count == 0)
                {
                    break;
                }

                // Compare only up to the smaller last id of the two pages; the rest comes in the next page.
                var limit = Math.Min(left.Count == PageSize ? left.Keys.Max() : long.MaxValue, right.Count == PageSize ? right.Keys.Max() : long.MaxValue);
                foreach (var id in left.Keys.Union(right.Keys).Where(id => id <= limit).Order())
                {
                    var l = left.GetValueOrDefault(id);
                    var r = right.GetValueOrDefault(id);
                    primaryRows += l is null ? 0 : 1;
                    secondaryRows += r is null ? 0 : 1;
                    var kind = l is null ? "missing_on_primary" : r is null ? "missing_on_secondary" : Same(l, r) ? null : "different";
                    if (kind is not null)
                    {
                        differences.Add(new RowDifference(table, id, kind, l, r));
                    }
                }

                if (limit == long.MaxValue)
                {
                    break;
                }

                afterId = limit;
            }

            tables.Add(new TableReport(table, primaryRows, secondaryRows, differences.Count - before));
        }

        return new ConsistencyReport(differences.Count == 0, tables, differences);
    }

    /// <summary>Copies <paramref name="from"/> over the other master for every differing row; returns how many rows were repaired.</summary>
    public async Task<int> RepairAsync(MasterRole from, CancellationToken ct)
    {
        var secondary = masters.Secondary ?? throw new InvalidOperationException("Single-master mode: there is nothing to repair.");
        var report = await CheckAsync(ct);
        var (source, target) = from == MasterRole.Primary ? (masters.Primary, secondary) : (secondary, masters.Primary);
        await RowCopier.CopyAsync(source, target, report.Differences.Select(d => (d.Table, d.Id)), ct);
        return report.Differences.Count;
    }

    private static async Task<Dictionary<long, IReadOnlyDictionary<string, object?>>> PageAsync(
        System.Data.Common.DbConnection connection, string table, long afterId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync(new CommandDefinition(
            $"SELECT * FROM {table} WHERE id > @afterId ORDER BY id LIMIT {PageSize}", new { afterId }, cancellationToken: ct));
        return rows.Cast<IDictionary<string, object?>>().ToDictionary(
            r => Convert.ToInt64(r["id"], CultureInfo.InvariantCulture),
            r => (IReadOnlyDictionary<string, object?>)r.ToDictionary(c => c.Key, c => Normalize(c.Value)));
    }

    private static bool Same(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        a.Count == b.Count && a.All(c => b.TryGetValue(c.Key, out var v) && Equals(c.Value, v));

    private static object? Normalize(object? value) => value switch
    {
        null or DBNull => null,
        bool flag => flag ? 1L : 0L,
        int or long or short or sbyte or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
