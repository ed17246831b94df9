using System.Data.Common;
using Dapper;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Memos;

/// <summary>
/// Memo reads, each through the failover reader. A memo is visible while neither it nor its shelf
/// entry is deleted (the earlier system cascade-deleted an entry's memos; soft delete hides them).
/// </summary>
public sealed class MemoStore(FailoverReader reader)
{
    private const string From = "FROM memo m JOIN user_books ub ON ub.id = m.user_book_id";

    private const string MemoSelect =
        "SELECT m.id, m.user_id, m.user_book_id, m.client_id, m.page_number, m.content, m.memo_start_time, m.version, " +
        "m.created_at, m.updated_at, m.deleted_at, b.title AS book_title, ub.isbn AS book_isbn " + From + " JOIN books b ON b.id = ub.book_id";

    // A deleted own tag has left its memos; a link a concurrent memo write made just then is not shown either (ADR-011).
    private const string TagSelect =
        "SELECT mt.id, mt.memo_id, mt.tag_id, t.code, t.category, t.sort_order FROM memo_tags mt JOIN tags t ON t.id = mt.tag_id AND t.deleted_at IS NULL";

    private const string Live = "m.deleted_at IS NULL AND ub.deleted_at IS NULL";

    /// <summary>The user's live memo, or null (unknown, deleted, or someone else's).</summary>
    public async Task<Memo?> FindAsync(long userId, long memoId, CancellationToken ct) =>
        (await QueryAsync($"m.id = @memoId AND m.user_id = @userId AND {Live}", new { userId, memoId }, ct)).SingleOrDefault();

    /// <summary>The user's memo created with this clientId, deleted or not: a retried create gets the first one back.</summary>
    public async Task<Memo?> FindByClientIdAsync(long userId, string clientId, CancellationToken ct) =>
        (await QueryAsync("m.user_id = @userId AND m.client_id = @clientId", new { userId, clientId }, ct)).SingleOrDefault();

    /// <summary>The user's memos created with any of these clientIds, deleted or not (the batch create's dedup).</summary>
    public Task<IReadOnlyList<Memo>> FindByClientIdsAsync(long userId, IReadOnlyCollection<string> clientIds, CancellationToken ct) =>
        clientIds.Count == 0 ? Task.FromResult<IReadOnlyList<Memo>>([]) : QueryAsync("m.user_id = @userId AND m.client_id IN @clientIds", new { userId, clientIds }, ct);

    /// <summary>Who owns a memo and whether it is deleted, whatever its entry's state; null when the id is unknown.</summary>
    public Task<MemoOwnerRow?> FindOwnerAsync(long memoId, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<MemoOwnerRow>(new CommandDefinition(
            "SELECT id, user_id, deleted_at FROM memo WHERE id = @memoId", new { memoId }, cancellationToken: ct)), ct);

    /// <summary>
    /// One page of the user's live memos with memo_start_time in [from, to), optionally of one entry and of some tags, oldest
    /// first, after the cursor's (time, id). Paged in SQL, so a day or a book with thousands of memos costs
    /// one page of rows; the index on (user_id | user_book_id, memo_start_time) also orders ties by id.
    /// </summary>
    public async Task<Page<Memo>> ListAsync(
        long userId, long? userBookId, long from, long to, PageCursor? after, int limit, CancellationToken ct, IReadOnlyList<long>? tagIds = null)
    {
        var rows = await QueryAsync(
            $"m.user_id = @userId AND {Live} AND m.memo_start_time >= @from AND m.memo_start_time < @to" +
            (userBookId is null ? "" : " AND m.user_book_id = @userBookId") + (tagIds is null ? "" : $" AND {HasTag}") +
            (after is null ? "" : " AND m.memo_start_time >= @afterTime AND (m.memo_start_time > @afterTime OR m.id > @afterId)"),
            new { userId, userBookId, from, to, tagIds, afterTime = after?.NumericKey, afterId = after?.Id, take = limit + 1 }, ct, "LIMIT @take");
        return Page<Memo>.From(rows, limit, m => MemoCursor(m.Row));
    }

    public const char MemoCursorKind = 'm';

    /// <summary>The filter "carries one of these tags" (an `etc` filter names both `etc` tags), probed on uk_memo_tags (memo_id, tag_id).</summary>
    private const string HasTag = "EXISTS (SELECT 1 FROM memo_tags mt WHERE mt.memo_id = m.id AND mt.tag_id IN @tagIds)";

    /// <summary>
    /// One page of a book's notebook (docs/contract.md §3.5): the entry's live memos with memo_start_time in [from, to),
    /// optionally only those with one of <paramref name="tagIds"/>, newest first (<see cref="NotebookOrder.Date"/>, served
    /// by ix_memo_book_time read backwards) or by page ascending then time (<see cref="NotebookOrder.Page"/>, served by
    /// ix_memo_book_page), after the cursor's position in that order.
    /// </summary>
    public async Task<Page<Memo>> NotebookAsync(
        long userId, long userBookId, long from, long to, NotebookOrder order, IReadOnlyList<long>? tagIds, NotebookCursor? after, int limit,
        CancellationToken ct)
    {
        var where = $"m.user_id = @userId AND m.user_book_id = @userBookId AND {Live} AND m.memo_start_time >= @from AND m.memo_start_time < @to" +
            (tagIds is null ? "" : $" AND {HasTag}");
        var args = new { userId, userBookId, from, to, tagIds, afterPage = after?.Page, afterTime = after?.Time, afterId = after?.Id, take = limit + 1 };
        if (order == NotebookOrder.Page)
        {
            var rows = await QueryAsync(
                where + (after is null ? "" : " AND m.page_number >= @afterPage AND (m.page_number > @afterPage OR m.memo_start_time > @afterTime " +
                    "OR (m.memo_start_time = @afterTime AND m.id > @afterId))"),
                args, ct, "LIMIT @take", "m.page_number, m.memo_start_time, m.id");
            return Page<Memo>.From(rows, limit, m => NotebookCursor.Of(PageCursorKind, m.Row));
        }

        var newest = await QueryAsync(where + NewestAfter(after), args, ct, "LIMIT @take", NewestFirst);
        return Page<Memo>.From(newest, limit, m => NotebookCursor.Of(NewestCursorKind, m.Row));
    }

    /// <summary>
    /// One page of the user's live memos that carry one of <paramref name="tagIds"/>, across every day and book, newest
    /// first: ix_memo_user_time read backwards, each memo's tag probed on uk_memo_tags.
    /// </summary>
    public async Task<Page<Memo>> WithTagAsync(long userId, IReadOnlyList<long> tagIds, NotebookCursor? after, int limit, CancellationToken ct)
    {
        var rows = await QueryAsync(
            $"m.user_id = @userId AND {Live} AND {HasTag}" + NewestAfter(after),
            new { userId, tagIds, afterTime = after?.Time, afterId = after?.Id, take = limit + 1 }, ct, "LIMIT @take", NewestFirst);
        return Page<Memo>.From(rows, limit, m => NotebookCursor.Of(TagPageCursorKind, m.Row));
    }

    private const string NewestFirst = "m.memo_start_time DESC, m.id DESC";

    private static string NewestAfter(NotebookCursor? after) =>
        after is null ? "" : " AND m.memo_start_time <= @afterTime AND (m.memo_start_time < @afterTime OR m.id < @afterId)";

    public const char NewestCursorKind = 'd';

    public const char PageCursorKind = 'p';

    public const char TagPageCursorKind = 't';

    public static PageCursor MemoCursor(MemoRow row) =>
        new(MemoCursorKind, row.MemoStartTime.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Id);

    public const char HistoryCursorKind = 'h';

    public const char RecentBookCursorKind = 'r';

    /// <summary>One page of the versions a memo's updates replaced, newest first, after the cursor's (version, id).</summary>
    public async Task<Page<MemoHistoryRow>> HistoryAsync(long memoId, PageCursor? after, int limit, CancellationToken ct)
    {
        var rows = await reader.ReadAsync(c => c.QueryAsync<MemoHistoryRow>(new CommandDefinition(
            "SELECT id, version, page_number, content, tags, edited_at, replaced_at FROM memo_history WHERE memo_id = @memoId" +
            (after is null ? "" : " AND version <= @afterVersion AND (version < @afterVersion OR id < @afterId)") +
            " ORDER BY version DESC, id DESC LIMIT @take",
            new { memoId, afterVersion = after?.NumericKey, afterId = after?.Id, take = limit + 1 }, cancellationToken: ct)), ct);
        return Page<MemoHistoryRow>.From(rows.AsList(), limit,
            h => new PageCursor(HistoryCursorKind, h.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Id));
    }

    /// <summary>
    /// One page of the user's live entries with live memos since <paramref name="since"/>, latest memo first,
    /// after the cursor's (latest memo time, entry id).
    /// </summary>
    public async Task<Page<RecentBookRow>> RecentBooksAsync(long userId, long since, PageCursor? after, int limit, CancellationToken ct)
    {
        var rows = await reader.ReadAsync(c => c.QueryAsync<RecentBookRow>(new CommandDefinition(
            "SELECT ub.id, b.title, b.author, ub.isbn, ub.category, ub.reading_progress, MAX(m.memo_start_time) AS last_memo_time " +
            From + " JOIN books b ON b.id = ub.book_id " +
            $"WHERE m.user_id = @userId AND {Live} AND m.memo_start_time >= @since " +
            "GROUP BY ub.id, b.title, b.author, ub.isbn, ub.category, ub.reading_progress " +
            (after is null ? "" : "HAVING MAX(m.memo_start_time) < @afterTime OR (MAX(m.memo_start_time) = @afterTime AND ub.id > @afterId) ") +
            "ORDER BY last_memo_time DESC, ub.id LIMIT @take",
            new { userId, since, afterTime = after?.NumericKey, afterId = after?.Id, take = limit + 1 }, cancellationToken: ct)), ct);
        return Page<RecentBookRow>.From(rows.AsList(), limit,
            r => new PageCursor(RecentBookCursorKind, r.LastMemoTime.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Id));
    }

    public Task<IEnumerable<long>> StartTimesAsync(long userId, long from, long to, CancellationToken ct) =>
        reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            $"SELECT m.memo_start_time {From} WHERE m.user_id = @userId AND {Live} AND m.memo_start_time >= @from AND m.memo_start_time < @to",
            new { userId, from, to }, cancellationToken: ct)), ct);

    /// <summary>Memos matching <paramref name="where"/> (over m and ub) with their tags, read on one connection.</summary>
    private Task<IReadOnlyList<Memo>> QueryAsync(string where, object args, CancellationToken ct, string limit = "", string orderBy = "m.memo_start_time, m.id") =>
        reader.ReadAsync<IReadOnlyList<Memo>>(async c =>
        {
            var rows = (await c.QueryAsync<MemoRow>(new CommandDefinition(
                $"{MemoSelect} WHERE {where} ORDER BY {orderBy} {limit}", args, cancellationToken: ct))).ToList();
            if (rows.Count == 0)
            {
                return [];
            }

            return await WithTagsAsync(c, rows, ct);
        }, ct);

    private static async Task<IReadOnlyList<Memo>> WithTagsAsync(DbConnection c, IReadOnlyList<MemoRow> rows, CancellationToken ct)
    {
        // Every read is at most a page (or a batch) of memos, so their ids make a short list.
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await c.QueryAsync<MemoTagRow>(new CommandDefinition(
            $"{TagSelect} WHERE mt.memo_id IN @ids ORDER BY mt.id", new { ids }, cancellationToken: ct))).ToLookup(t => t.MemoId);
        return [.. rows.Select(r => new Memo(r, [.. tags[r.Id]]))];
    }

    /// <summary>
    /// A create's two reads in one round trip: the user's memo already made with this clientId (deleted or not), and
    /// the user's live shelf entry the new memo would go on (<see cref="ShelfStore.FindEntryAsync"/>).
    /// </summary>
    public Task<(Memo? First, ShelfEntryRow? Entry)> FindForCreateAsync(long userId, string clientId, long userBookId, CancellationToken ct) =>
        reader.ReadAsync<(Memo?, ShelfEntryRow?)>(async c =>
        {
            List<MemoRow> rows;
            ShelfEntryRow? entry;
            await using (var results = await c.QueryMultipleAsync(new CommandDefinition(
                $"{MemoSelect} WHERE m.user_id = @userId AND m.client_id = @clientId ORDER BY m.memo_start_time, m.id; " +
                ShelfStore.EntrySelect + " WHERE ub.id = @userBookId AND ub.user_id = @userId AND ub.deleted_at IS NULL",
                new { userId, clientId, userBookId }, cancellationToken: ct)))
            {
                rows = [.. await results.ReadAsync<MemoRow>()];
                entry = await results.ReadSingleOrDefaultAsync<ShelfEntryRow>();
            }

            return (rows.Count == 0 ? null : (await WithTagsAsync(c, rows, ct)).Single(), entry);
        }, ct);
}

public sealed class MemoOwnerRow
{
    public long Id { get; init; }

    public long UserId { get; init; }

    public long? DeletedAt { get; init; }
}

public sealed class MemoHistoryRow
{
    public long Id { get; init; }

    public int Version { get; init; }

    public int PageNumber { get; init; }

    public string Content { get; init; } = "";

    public string Tags { get; init; } = "";

    public long EditedAt { get; init; }

    public long ReplacedAt { get; init; }
}

public sealed class RecentBookRow
{
    public long Id { get; init; }

    public string Title { get; init; } = "";

    public string Author { get; init; } = "";

    public string? Isbn { get; init; }

    public string Category { get; init; } = "";

    public int? ReadingProgress { get; init; }

    public long LastMemoTime { get; init; }
}
