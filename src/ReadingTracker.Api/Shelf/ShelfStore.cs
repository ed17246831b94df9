using Dapper;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>Shelf and catalogue reads, each through the failover reader. Deleted entries are invisible.</summary>
public sealed class ShelfStore(FailoverReader reader)
{
    private const string EntryColumns =
        "ub.id, ub.user_id, ub.book_id, ub.category, ub.category_manually_set, ub.expectation, ub.reading_start_date, " +
        "ub.reading_progress, ub.purchase_type, ub.reading_finished_date, ub.rating, ub.review, ub.created_at, ub.updated_at, ub.deleted_at, ub.version, " +
        "ub.isbn, b.owner_user_id AS book_owner_user_id, b.title, b.author, b.publisher, b.description, b.cover_url, b.total_pages, b.main_genre, b.pub_date";

    public const string EntrySelect = "SELECT " + EntryColumns + " FROM user_books ub JOIN books b ON b.id = ub.book_id";

    /// <summary>The user's live entry, or null when it does not exist, was deleted or belongs to someone else.</summary>
    public Task<ShelfEntryRow?> FindEntryAsync(long userId, long userBookId, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<ShelfEntryRow>(new CommandDefinition(
            EntrySelect + " WHERE ub.id = @userBookId AND ub.user_id = @userId AND ub.deleted_at IS NULL",
            new { userId, userBookId }, cancellationToken: ct)), ct);

    public const char CursorKind = 's';

    /// <summary>
    /// One page of the user's live entries, optionally of one category, ascending by a book column (a missing
    /// value as empty text), ties by entry id, after the cursor's (column text, id).
    /// </summary>
    public async Task<Page<ShelfEntryRow>> ListEntriesAsync(
        long userId, BookCategory? category, BookSortCriteria sortBy, PageCursor? after, int limit, CancellationToken ct)
    {
        // The column comes from a closed enum, never from the request text.
        var column = sortBy switch
        {
            BookSortCriteria.AUTHOR => "b.author",
            BookSortCriteria.PUBLISHER => "b.publisher",
            BookSortCriteria.GENRE => "b.main_genre",
            _ => "b.title",
        };
        var key = $"COALESCE({column}, '')";
        var sql = EntrySelect + " WHERE ub.user_id = @userId AND ub.deleted_at IS NULL" +
            (category is null ? "" : " AND ub.category = @category") +
            (after is null ? "" : $" AND ({key} > @afterKey OR ({key} = @afterKey AND ub.id > @afterId))") +
            $" ORDER BY {key}, ub.id LIMIT @take";
        var rows = await reader.ReadAsync(c => c.QueryAsync<ShelfEntryRow>(new CommandDefinition(
            sql, new { userId, category = category?.ToString(), afterKey = after?.Key, afterId = after?.Id, take = limit + 1 }, cancellationToken: ct)), ct);
        return Page<ShelfEntryRow>.From(rows.AsList(), limit, r => new PageCursor(CursorKind, SortKey(r, sortBy), r.Id));
    }

    /// <summary>
    /// One page of the user's live entries, optionally of one category, newest first by the date <paramref name="sort"/>
    /// names, ties by entry id descending. For started and finished, the entries without that date follow the dated ones
    /// (newest added first): two index-served reads — the dated rows by (user_id, date), then, when the page is not full,
    /// the undated by (user_id, date IS NULL, id) — rather than one ORDER BY on an expression no index holds. The cursor's
    /// key is the last row's date, empty once the list has reached the undated rows.
    /// </summary>
    public async Task<Page<ShelfEntryRow>> ListEntriesByDateAsync(
        long userId, BookCategory? category, ShelfDateSort sort, PageCursor? after, int limit, CancellationToken ct)
    {
        var filter = EntrySelect + " WHERE ub.user_id = @userId AND ub.deleted_at IS NULL" + (category is null ? "" : " AND ub.category = @category");
        var kind = CursorKindOf(sort);
        if (sort == ShelfDateSort.Added)
        {
            var added = await ReadAsync(
                filter + (after is null ? "" : " AND ub.created_at <= @afterTime AND (ub.created_at < @afterTime OR ub.id < @afterId)") +
                " ORDER BY ub.created_at DESC, ub.id DESC LIMIT @take",
                new { userId, category = category?.ToString(), afterTime = after?.NumericKey, afterId = after?.Id, take = limit + 1 }, ct);
            return Page<ShelfEntryRow>.From(added, limit,
                r => new PageCursor(kind, r.CreatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Id));
        }

        // The column comes from a closed enum, never from the request text.
        var column = sort == ShelfDateSort.Started ? "ub.reading_start_date" : "ub.reading_finished_date";
        var args = new { userId, category = category?.ToString(), afterKey = after?.Key, afterId = after?.Id, take = limit + 1 };
        var rows = new List<ShelfEntryRow>();
        if (after is not { Key: "" })
        {
            rows.AddRange(await ReadAsync(
                filter + $" AND {column} IS NOT NULL" +
                (after is null ? "" : $" AND {column} <= @afterKey AND ({column} < @afterKey OR ub.id < @afterId)") +
                $" ORDER BY {column} DESC, ub.id DESC LIMIT @take", args, ct));
        }

        if (rows.Count <= limit)
        {
            rows.AddRange(await ReadAsync(
                filter + $" AND {column} IS NULL" + (after is { Key: "" } ? " AND ub.id < @afterId" : "") + " ORDER BY ub.id DESC LIMIT @take",
                args with { take = limit + 1 - rows.Count }, ct));
        }

        return Page<ShelfEntryRow>.From(rows, limit,
            r => new PageCursor(kind, (sort == ShelfDateSort.Started ? r.ReadingStartDate : r.ReadingFinishedDate) ?? "", r.Id));
    }

    public static char CursorKindOf(ShelfDateSort sort) => sort switch
    {
        ShelfDateSort.Started => 'b',
        ShelfDateSort.Finished => 'f',
        _ => 'a',
    };

    private async Task<IReadOnlyList<ShelfEntryRow>> ReadAsync(string sql, object args, CancellationToken ct) =>
        (await reader.ReadAsync(c => c.QueryAsync<ShelfEntryRow>(new CommandDefinition(sql, args, cancellationToken: ct)), ct)).AsList();

    /// <summary>How many live entries the list has over all its pages.</summary>
    public Task<int> CountEntriesAsync(long userId, BookCategory? category, CancellationToken ct) =>
        reader.ReadAsync(c => c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM user_books ub WHERE ub.user_id = @userId AND ub.deleted_at IS NULL" +
            (category is null ? "" : " AND ub.category = @category"),
            new { userId, category = category?.ToString() }, cancellationToken: ct)), ct);

    private static string SortKey(ShelfEntryRow row, BookSortCriteria sortBy) => sortBy switch
    {
        BookSortCriteria.AUTHOR => row.Author,
        BookSortCriteria.PUBLISHER => row.Publisher,
        BookSortCriteria.GENRE => row.MainGenre,
        _ => row.Title,
    } ?? "";

    /// <summary>The user's entry for an ISBN, deleted or not, whichever way it was added (a deleted one is revived).</summary>
    public Task<ShelfEntryRow?> FindEntryByIsbnAsync(long userId, string isbn, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<ShelfEntryRow>(new CommandDefinition(
            EntrySelect + " WHERE ub.user_id = @userId AND ub.isbn = @isbn", new { userId, isbn }, cancellationToken: ct)), ct);

    /// <summary>The shared catalogue row for an ISBN (provider data), never a book someone typed in.</summary>
    public Task<BookRow?> FindSharedBookAsync(string isbn, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<BookRow>(new CommandDefinition(
            "SELECT * FROM books WHERE isbn = @isbn AND owner_user_id IS NULL", new { isbn }, cancellationToken: ct)), ct);

    /// <summary>Ids of the entry's live memos, which leave the shelf with it.</summary>
    public async Task<IReadOnlyList<long>> LiveMemoIdsAsync(long userBookId, CancellationToken ct)
    {
        var ids = await reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM memo WHERE user_book_id = @userBookId AND deleted_at IS NULL ORDER BY id",
            new { userBookId }, cancellationToken: ct)), ct);
        return ids.AsList();
    }

    /// <summary>The start instant (UTC ms) of the entry's first live memo, or null when it has none.</summary>
    public Task<long?> FirstMemoStartAsync(long userBookId, CancellationToken ct) =>
        reader.ReadAsync(c => c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(memo_start_time) FROM memo WHERE user_book_id = @userBookId AND deleted_at IS NULL",
            new { userBookId }, cancellationToken: ct)), ct);
}
