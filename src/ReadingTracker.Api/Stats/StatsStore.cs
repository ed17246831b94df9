using System.Data.Common;
using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Stats;

/// <summary>
/// The statistics reads: a handful of grouped queries on one connection, each on an index that starts with the user
/// (memo (user_id, memo_start_time), progress_history (user_id, at), user_books (user_id, reading_finished_date)),
/// grouped by local day in SQL (<see cref="LocalDays"/>), so the rows that come back are counted in days, not memos.
/// Only live memos of live shelf entries count, as everywhere else; a progress change of a removed entry neither.
/// </summary>
public sealed class StatsStore(FailoverReader reader, Masters masters)
{
    // A removed entry's rows are left out by id (a reader removes few), not by a join per row: the reads then stay
    // inside the covering indexes of migration 0019.
    private const string LiveMemo = "FROM memo m WHERE m.user_id = @userId AND m.deleted_at IS NULL AND m.user_book_id NOT IN @removed";

    private const string LiveChange = "FROM progress_history p WHERE p.user_id = @userId AND p.user_book_id NOT IN @removed";

    // Pages a change read: a move forward from where the entry stood (nothing counts as 0); a move back reads none.
    private const string ForwardPages = "CASE WHEN p.to_page > COALESCE(p.from_page, 0) THEN p.to_page - COALESCE(p.from_page, 0) ELSE 0 END";

    private const int TopTagCount = 10;

    private DatabaseProvider Provider => masters.Primary.Dialect.Provider;

    /// <summary>The first memo's time and the first progress change's time of the user (null: none).</summary>
    public Task<(long? FirstMemo, long? HistorySince)> BeginningsAsync(long userId, CancellationToken ct) =>
        reader.ReadAsync(async c =>
        {
            var row = await c.QuerySingleAsync<(long? FirstMemo, long? HistorySince)>(new CommandDefinition(
                "SELECT (SELECT MIN(memo_start_time) FROM memo WHERE user_id = @userId), (SELECT MIN(at) FROM progress_history WHERE user_id = @userId)",
                new { userId }, cancellationToken: ct));
            return row;
        }, ct);

    public Task<YearRows> YearAsync(long userId, int year, long from, long to, long? historySince, LocalDays days, CancellationToken ct) =>
        reader.ReadAsync(async c =>
        {
            var removed = await RemovedEntriesAsync(c, userId, ct);
            var args = new { userId, from, to, removed, firstDate = $"{year:D4}-01-01", lastDate = $"{year:D4}-12-31" };
            var finished = await c.QueryAsync<string>(new CommandDefinition(
                "SELECT reading_finished_date FROM user_books WHERE user_id = @userId AND deleted_at IS NULL" +
                " AND reading_finished_date >= @firstDate AND reading_finished_date <= @lastDate", args, cancellationToken: ct));
            var memoDay = days.Sql("m.memo_start_time", Provider);
            var memos = await c.QueryAsync<(long Day, long Count)>(new CommandDefinition(
                $"SELECT {memoDay} AS day, COUNT(*) AS n {LiveMemo} AND m.memo_start_time >= @from AND m.memo_start_time < @to GROUP BY {memoDay}",
                args, cancellationToken: ct));
            var changeDay = days.Sql("p.at", Provider);
            var pages = await c.QueryAsync<(long Day, long Pages)>(new CommandDefinition(
                $"SELECT {changeDay} AS day, CAST(SUM({ForwardPages}) AS SIGNED) AS pages {LiveChange} AND p.at >= @from AND p.at < @to GROUP BY {changeDay}",
                args, cancellationToken: ct));
            // Counted per tag id over the reader's memos first, then named: joined in one statement, MariaDB drives
            // from the 18-row tags table through every reader's links of each tag instead of from this reader's memos.
            var uses = (await c.QueryAsync<(long TagId, long Uses)>(new CommandDefinition(
                $"SELECT mt.tag_id, COUNT(*) AS uses {LiveMemo.Replace("FROM memo m", "FROM memo m JOIN memo_tags mt ON mt.memo_id = m.id", StringComparison.Ordinal)}" +
                " AND m.memo_start_time >= @from AND m.memo_start_time < @to GROUP BY mt.tag_id", args, cancellationToken: ct))).ToDictionary(u => u.TagId, u => u.Uses);
            var tagIds = uses.Keys.ToArray();
            var tags = tagIds.Length == 0 ? [] : (await c.QueryAsync<TagUseRow>(new CommandDefinition(
                "SELECT id, code, category, name, owner_user_id FROM tags WHERE id IN @tagIds AND deleted_at IS NULL AND (owner_user_id IS NULL OR owner_user_id = @userId)",
                new { tagIds, userId }, cancellationToken: ct)))
                .Select(t => t with { Uses = uses[t.Id] }).OrderByDescending(t => t.Uses).ThenBy(t => t.Id).Take(TopTagCount).ToList();
            var memoPages = await MemoEraPagesAsync(c, userId, removed, from, historySince is { } since ? Math.Min(to, since) : to, memoDay, ct);
            return new YearRows([.. finished], [.. memos], [.. pages], memoPages, tags);
        }, ct);

    /// <summary>Every local day with a live memo or a forward progress change, up to <paramref name="to"/>.</summary>
    public Task<IReadOnlyList<long>> ReadingDaysAsync(long userId, long to, LocalDays days, CancellationToken ct) =>
        reader.ReadAsync(async c =>
        {
            var memoDay = days.Sql("m.memo_start_time", Provider);
            var changeDay = days.Sql("p.at", Provider);
            var removed = await RemovedEntriesAsync(c, userId, ct);
            var rows = await c.QueryAsync<long>(new CommandDefinition(
                $"SELECT DISTINCT {memoDay} AS day {LiveMemo} AND m.memo_start_time < @to " +
                $"UNION SELECT DISTINCT {changeDay} AS day {LiveChange} AND p.at < @to AND {ForwardPages} > 0",
                new { userId, to, removed }, cancellationToken: ct));
            return (IReadOnlyList<long>)[.. rows];
        }, ct);

    /// <summary>The user's removed shelf entries; [0] when there are none (no entry has id 0), so "NOT IN" stays plain SQL.</summary>
    private static async Task<long[]> RemovedEntriesAsync(DbConnection c, long userId, CancellationToken ct)
    {
        var ids = (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM user_books WHERE user_id = @userId AND deleted_at IS NOT NULL", new { userId }, cancellationToken: ct))).ToArray();
        return ids.Length == 0 ? [0] : ids;
    }

    /// <summary>
    /// Pages of the days before the progress history began (memos in [from, until)): per entry, the highest memo page
    /// before <paramref name="from"/>, and per entry and day, the day's highest page (<see cref="MemoPages"/>).
    /// </summary>
    private static async Task<Dictionary<long, long>> MemoEraPagesAsync(
        DbConnection c, long userId, long[] removed, long from, long until, string memoDay, CancellationToken ct)
    {
        if (until <= from)
        {
            return [];
        }

        var args = new { userId, from, until, removed };
        var before = await c.QueryAsync<(long Entry, long MaxPage)>(new CommandDefinition(
            $"SELECT m.user_book_id, MAX(m.page_number) {LiveMemo} AND m.memo_start_time < @from GROUP BY m.user_book_id", args, cancellationToken: ct));
        var byDay = await c.QueryAsync<(long Entry, long Day, long MaxPage)>(new CommandDefinition(
            $"SELECT m.user_book_id, {memoDay} AS day, MAX(m.page_number) {LiveMemo} AND m.memo_start_time >= @from AND m.memo_start_time < @until " +
            $"GROUP BY m.user_book_id, {memoDay}", args, cancellationToken: ct));
        return MemoPages.ByDay(before.ToDictionary(r => r.Entry, r => r.MaxPage), byDay);
    }
}

public sealed record YearRows(
    IReadOnlyList<string> FinishedDates,
    IReadOnlyList<(long Day, long Count)> MemosByDay,
    IReadOnlyList<(long Day, long Pages)> PagesByDay,
    IReadOnlyDictionary<long, long> MemoEraPagesByDay,
    IReadOnlyList<TagUseRow> Tags);

public sealed record TagUseRow
{
    public long Id { get; init; }

    public string Code { get; init; } = "";

    public string Category { get; init; } = "";

    public string? Name { get; init; }

    public long? OwnerUserId { get; init; }

    public long Uses { get; init; }
}
