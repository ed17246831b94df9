using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// The memo search's reads (ADR-015), over the user's live memos only. A memo is found by its text (every word), by
/// its book's title, or by one of its own tags' names (the whole query as a phrase). Order: memos found by their
/// title or an own tag first, then memos found by their text; each group newest first (then by id).
/// <para>
/// Title and tag matches are read through the reader's matching entries and tags. Text matches are read by walking
/// the reader's newest memos (a bounded window, by <c>ix_memo_user_time</c>) and checking each one's search tokens and
/// text, which ends as soon as the page is full; only when the window cannot fill the page — the words are rare — does
/// the full-text index list the matches. Both ways check one and the same condition on a memo
/// (<see cref="TextCondition"/>: the index's tokens, then the words on the text), so the answer never depends on
/// which way was taken.
/// </para>
/// </summary>
public sealed class MemoSearchStore(FailoverReader reader, IOptions<DatabaseOptions> options)
{
    /// <summary>The window (Database:SearchWindow memos) grows by as much again for every this many rows a deep page needs.</summary>
    public const int RowsPerWindow = 250;

    /// <summary>The walk's first step reads this fraction (1/n) of the window.</summary>
    private const int FirstStep = 10;

    private const string Order = " ORDER BY m.memo_start_time DESC, m.id DESC LIMIT @need";

    /// <summary>The SQLite function that normalises a memo's text as <see cref="SearchGrams.Normalize"/> does.</summary>
    public const string SqliteNormalizeFunction = SqliteFunctions.SearchText;

    private bool Sqlite => options.Value.Provider == DatabaseProvider.Sqlite;

    /// <summary>The rows at [skip, skip + take) of the order above.</summary>
    public async Task<IReadOnlyList<SearchHitRow>> SearchAsync(long userId, SearchQuery query, int skip, int take, CancellationToken ct) =>
        await reader.ReadAsync(c => SearchAsync(c, userId, query, skip, take, ct), ct);

    private async Task<IReadOnlyList<SearchHitRow>> SearchAsync(DbConnection c, long userId, SearchQuery query, int skip, int take, CancellationToken ct)
    {
        var need = skip + take;
        var books = (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT ub.id FROM user_books ub JOIN books b ON b.id = ub.book_id WHERE ub.user_id = @userId AND ub.deleted_at IS NULL " +
            "AND INSTR(LOWER(b.title), @phrase) > 0", new { userId, phrase = query.Phrase }, cancellationToken: ct))).AsList();
        var tags = (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT t.id FROM tags t WHERE t.owner_user_id = @userId AND t.deleted_at IS NULL AND INSTR(t.name_key, @phrase) > 0",
            new { userId, phrase = query.Phrase }, cancellationToken: ct))).AsList();

        // Title and tag matches: few entries and tags, each memo read by its entry or tag, newest first.
        var named = books.Count == 0 && tags.Count == 0 ? [] : (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT m.id FROM memo m JOIN user_books ub ON ub.id = m.user_book_id WHERE m.user_id = @userId AND m.deleted_at IS NULL " +
            "AND ub.deleted_at IS NULL AND (" + NamedCondition(books, tags) + ") ORDER BY m.memo_start_time DESC, m.id DESC LIMIT @need",
            new { userId, books, tags, need }, cancellationToken: ct))).AsList();

        var found = new List<long>(named);
        if (named.Count < need && query.Words.Count > 0)
        {
            // Every title and tag match is in `named`: the text matches follow them, without those.
            found.AddRange(await TextMatchesAsync(c, userId, query, named, need - named.Count, ct));
        }

        var page = found.Skip(skip).Take(take).ToList();
        return page.Count == 0 ? [] : await RowsAsync(c, userId, query, page, books, tags, ct);
    }

    /// <summary>The first <paramref name="need"/> memos, newest first, whose text holds every word, other than <paramref name="except"/>.</summary>
    private async Task<List<long>> TextMatchesAsync(DbConnection c, long userId, SearchQuery query, List<long> except, int need, CancellationToken ct)
    {
        // The reader's removed entries (few) are left out by id: a join to user_books would let MariaDB's planner start
        // from the entries and sort the whole window instead of walking it newest first.
        var gone = (await c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM user_books WHERE user_id = @userId AND deleted_at IS NOT NULL", new { userId }, cancellationToken: ct))).AsList();
        var args = new DynamicParameters(new { userId, need, except, gone });
        var condition = " AND " + TextCondition(query, args) + (except.Count == 0 ? "" : " AND m.id NOT IN @except");
        var live = " WHERE m.user_id = @userId AND m.deleted_at IS NULL" + (gone.Count == 0 ? "" : " AND m.user_book_id NOT IN @gone");

        // The walk goes in two steps: a tenth of the window, which a common word's page fills at once; then the rest of
        // the window, but only when the first step's matches say it will fill the page there. Otherwise the words are
        // rare (fewer than one in ten of the memos the page needs would be found), and the index is cheaper.
        var window = options.Value.SearchWindow * (1 + (need / RowsPerWindow));
        var walked = new List<long>();
        (long Time, long Id)? newer = null;
        foreach (var step in new[] { window / FirstStep, window }.Where(w => w > 0).Distinct())
        {
            var edge = await EdgeAsync(c, userId, step, ct);
            walked.AddRange(await WalkAsync(c, live + condition, args, newer, edge, need - walked.Count, ct));
            if (walked.Count == need || edge is null)
            {
                return walked;
            }

            if (step < window && walked.Count * FirstStep < need)
            {
                break;
            }

            newer = edge;
        }

        // The window did not fill the page: the words are rare, and the full-text index lists their memos quickly.
        var index = Sqlite
            ? " FROM memo_search_fts JOIN memo_search s ON s.id = memo_search_fts.rowid JOIN memo m ON m.id = s.id" + live + " AND memo_search_fts MATCH @match"
            : " FROM memo_search s JOIN memo m ON m.id = s.id" + live + " AND MATCH(s.grams) AGAINST(@match IN BOOLEAN MODE) AND s.user_id = @userId";
        var tokens = Tokens(query);
        args.Add("match", Sqlite ? string.Join(" AND ", tokens) : string.Join(" ", tokens.Select(t => "+" + t)));
        return (await c.QueryAsync<long>(new CommandDefinition("SELECT m.id" + index + condition + Order, args, cancellationToken: ct))).AsList();
    }

    /// <summary>The reader's memo just past their newest <paramref name="count"/> (deleted ones counted), or none when they have no more.</summary>
    private async Task<(long Time, long Id)?> EdgeAsync(DbConnection c, long userId, int count, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<(long Time, long Id)>(new CommandDefinition(
            "SELECT memo_start_time, id FROM " + (Sqlite ? "memo" : "memo FORCE INDEX (ix_memo_user_time)") +
            " WHERE user_id = @userId ORDER BY memo_start_time DESC, id DESC LIMIT 1 OFFSET @count", new { userId, count }, cancellationToken: ct))).AsList();
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Up to <paramref name="need"/> matches, newest first, among the reader's memos older than or at
    /// <paramref name="newer"/> (none: from the newest) and newer than <paramref name="older"/> (none: to the oldest),
    /// walked in that order by <c>ix_memo_user_time</c>, which ends at the last row it needs.
    /// </summary>
    private async Task<List<long>> WalkAsync(
        DbConnection c, string where, DynamicParameters args, (long Time, long Id)? newer, (long Time, long Id)? older, int need, CancellationToken ct)
    {
        var sql = "SELECT m.id FROM " + (Sqlite ? "memo m" : "memo m FORCE INDEX (ix_memo_user_time)") + " JOIN memo_search s ON s.id = m.id" + where;
        var step = new DynamicParameters(args);
        step.Add("need", need);
        if (newer is { } n)
        {
            sql += " AND m.memo_start_time <= @newerTime AND NOT (m.memo_start_time = @newerTime AND m.id > @newerId)";
            step.Add("newerTime", n.Time);
            step.Add("newerId", n.Id);
        }

        if (older is { } o)
        {
            sql += " AND m.memo_start_time >= @olderTime AND NOT (m.memo_start_time = @olderTime AND m.id <= @olderId)";
            step.Add("olderTime", o.Time);
            step.Add("olderId", o.Id);
        }

        return (await c.QueryAsync<long>(new CommandDefinition(sql + Order, step, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Whether memo m (with its search row s) holds every word: each of the words' letter and pair tokens is in its
    /// tokens (a token never occurs inside another: unigrams start with a letter no token otherwise holds, and all
    /// bigrams have one length), and a word its tokens cannot settle is then looked for in the text itself. The
    /// full-text index matches exactly the first part, so the walk and the index find the same memos.
    /// </summary>
    private string TextCondition(SearchQuery query, DynamicParameters args)
    {
        var parts = new List<string>();
        foreach (var (token, i) in Tokens(query).Select((t, i) => (t, i)))
        {
            args.Add($"token{i}", token);
            parts.Add($"INSTR(s.grams, @token{i}) > 0");
        }

        var text = Sqlite ? SqliteNormalizeFunction + "(m.content)" : "LOWER(m.content)";
        foreach (var (word, i) in query.Words.Where(w => !SearchGrams.TokensAreExact(w)).Select((w, i) => (w, i)))
        {
            args.Add($"check{i}", word);
            parts.Add($"INSTR({text}, @check{i}) > 0");
        }

        return "(" + string.Join(" AND ", parts) + ")";
    }

    private static List<string> Tokens(SearchQuery query) => [.. query.Words.SelectMany(SearchGrams.ForQueryWord).Distinct(StringComparer.Ordinal)];

    private static string NamedCondition(List<long> books, List<long> tags) => string.Join(" OR ", new[]
    {
        books.Count == 0 ? null : "m.user_book_id IN @books",
        tags.Count == 0 ? null : "EXISTS (SELECT 1 FROM memo_tags mt WHERE mt.memo_id = m.id AND mt.tag_id IN @tags)",
    }.OfType<string>());

    /// <summary>The page's rows in the page's order, each with where it matched.</summary>
    private async Task<IReadOnlyList<SearchHitRow>> RowsAsync(
        DbConnection c, long userId, SearchQuery query, List<long> page, List<long> books, List<long> tags, CancellationToken ct)
    {
        var args = new DynamicParameters(new { userId, page, tags });
        var inText = query.Words.Count == 0 ? "0" : "CASE WHEN " + TextCondition(query, args) + " THEN 1 ELSE 0 END";
        var byTag = tags.Count == 0 ? "0"
            : "CASE WHEN EXISTS (SELECT 1 FROM memo_tags mt WHERE mt.memo_id = m.id AND mt.tag_id IN @tags) THEN 4 ELSE 0 END";
        var rows = (await c.QueryAsync<SearchHitRow>(new CommandDefinition(
            "SELECT m.id, m.user_book_id, m.page_number, m.content, m.memo_start_time, b.title AS book_title, " +
            $"{inText} + {byTag} AS matched FROM memo m LEFT JOIN memo_search s ON s.id = m.id " +
            "JOIN user_books ub ON ub.id = m.user_book_id JOIN books b ON b.id = ub.book_id WHERE m.user_id = @userId AND m.id IN @page",
            args, cancellationToken: ct))).ToDictionary(r => r.Id);
        var titled = books.ToHashSet();
        return [.. page.Select(id => rows[id]).Select(r => titled.Contains(r.UserBookId) ? r with { Matched = r.Matched | 2 } : r)];
    }
}

public sealed record SearchHitRow
{
    public long Id { get; init; }

    public long UserBookId { get; init; }

    public int PageNumber { get; init; }

    public string Content { get; init; } = "";

    public long MemoStartTime { get; init; }

    public string BookTitle { get; init; } = "";

    /// <summary>Where it matched: 1 the text, 2 the book title, 4 an own tag (summed).</summary>
    public long Matched { get; init; }
}
