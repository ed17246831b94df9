using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// The memo search's reads (ADR-015): one query per page, over the user's live memos only. A memo is found by its
/// text (every word, through the provider's full-text index), by its book's title, or by one of its own tags' names
/// (the whole query as a phrase, over the user's few books and tags); text relevance ranks first, a title or tag
/// match adds a fixed weight, then the newest memo first.
/// </summary>
public sealed class MemoSearchStore(FailoverReader reader, IOptions<DatabaseOptions> options)
{
    // A title or tag match outranks a weak text match and ties are broken by time; the engines' relevance figures are
    // not comparable across providers, so neither is this weight.
    private const double MatchWeight = 1.0;

    public async Task<IReadOnlyList<SearchHitRow>> SearchAsync(long userId, SearchQuery query, int skip, int take, CancellationToken ct)
    {
        var args = new DynamicParameters(new { userId, phrase = query.Phrase, skip, take, weight = MatchWeight });
        var text = query.Words.Count == 0 ? null
            : options.Value.Provider == DatabaseProvider.Sqlite ? SqliteText(query, args) : MariaDbText(query, args);
        var sql =
            "SELECT m.id, m.user_book_id, m.page_number, m.content, m.memo_start_time, b.title AS book_title, hits.score, hits.matched FROM (" +
            "SELECT memo_id, SUM(score) AS score, SUM(matched) AS matched FROM (" +
            (text is null ? "" : text + " UNION ALL ") +
            "SELECT m.id AS memo_id, @weight AS score, 2 AS matched FROM user_books ub JOIN books b ON b.id = ub.book_id " +
            "JOIN memo m ON m.user_book_id = ub.id WHERE ub.user_id = @userId AND INSTR(LOWER(b.title), @phrase) > 0 " +
            "UNION ALL SELECT DISTINCT mt.memo_id, @weight AS score, 4 AS matched FROM tags t JOIN memo_tags mt ON mt.tag_id = t.id " +
            "WHERE t.owner_user_id = @userId AND t.deleted_at IS NULL AND INSTR(t.name_key, @phrase) > 0" +
            ") found GROUP BY memo_id) hits " +
            "JOIN memo m ON m.id = hits.memo_id JOIN user_books ub ON ub.id = m.user_book_id JOIN books b ON b.id = ub.book_id " +
            "WHERE m.user_id = @userId AND m.deleted_at IS NULL AND ub.deleted_at IS NULL " +
            "ORDER BY hits.score DESC, m.memo_start_time DESC, m.id DESC LIMIT @take OFFSET @skip";
        return (await reader.ReadAsync(c => c.QueryAsync<SearchHitRow>(new CommandDefinition(sql, args, cancellationToken: ct)), ct)).AsList();
    }

    /// <summary>
    /// SQLite: words of three characters and more through the trigram index over memo.content (exact substrings, any
    /// case); shorter ones through their letter and pair tokens in memo_search, checked on the text unless the tokens
    /// are exact. Each word is an FTS5 string in double quotes, so nothing in it is read as query syntax.
    /// </summary>
    private static string SqliteText(SearchQuery query, DynamicParameters args)
    {
        var longWords = query.Words.Where(w => SearchQuery.Length(w) >= 3).ToList();
        var shortWords = query.Words.Where(w => SearchQuery.Length(w) < 3).ToList();
        var sql = "SELECT m.id AS memo_id, " + (longWords.Count > 0 ? "-bm25(memo_fts)" : "-bm25(memo_search_fts)") + " AS score, 1 AS matched FROM memo m";
        if (longWords.Count > 0)
        {
            args.Add("trigrams", string.Join(" AND ", longWords.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            sql += " JOIN memo_fts ON memo_fts.rowid = m.id AND memo_fts MATCH @trigrams";
        }

        if (shortWords.Count > 0)
        {
            args.Add("grams", string.Join(" AND ", shortWords.SelectMany(SearchGrams.ForQueryWord)));
            sql += " JOIN memo_search_fts ON memo_search_fts.rowid = m.id AND memo_search_fts MATCH @grams";
        }

        sql += " WHERE m.user_id = @userId";
        return sql + Checks(shortWords.Where(w => !SearchGrams.TokensAreExact(w)), args, "instr(lower(m.content), @check{0}) > 0");
    }

    /// <summary>
    /// MariaDB: every word's letter and pair tokens, all required, through InnoDB's FULLTEXT index over memo_search;
    /// a word longer than two characters is then checked on the memo's text (its pairs may lie apart). The tokens are
    /// letters and digits only, so the boolean-mode string carries no operator from the reader.
    /// </summary>
    private static string MariaDbText(SearchQuery query, DynamicParameters args)
    {
        args.Add("against", string.Join(" ", query.Words.SelectMany(SearchGrams.ForQueryWord).Distinct(StringComparer.Ordinal).Select(t => "+" + t)));
        return "SELECT s.id AS memo_id, MATCH(s.grams) AGAINST(@against IN BOOLEAN MODE) AS score, 1 AS matched FROM memo_search s " +
            "JOIN memo m ON m.id = s.id WHERE MATCH(s.grams) AGAINST(@against IN BOOLEAN MODE) AND s.user_id = @userId" +
            Checks(query.Words.Where(w => !SearchGrams.TokensAreExact(w)), args, "LOCATE(@check{0}, LOWER(m.content)) > 0");
    }

    private static string Checks(IEnumerable<string> words, DynamicParameters args, string format)
    {
        var sql = "";
        foreach (var (word, i) in words.Select((w, i) => (w, i)))
        {
            args.Add($"check{i}", word);
            sql += " AND " + string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i);
        }

        return sql;
    }
}

public sealed class SearchHitRow
{
    public long Id { get; init; }

    public long UserBookId { get; init; }

    public int PageNumber { get; init; }

    public string Content { get; init; } = "";

    public long MemoStartTime { get; init; }

    public string BookTitle { get; init; } = "";

    public double Score { get; init; }

    /// <summary>Where it matched: 1 the text, 2 the book title, 4 an own tag (summed).</summary>
    public long Matched { get; init; }
}
