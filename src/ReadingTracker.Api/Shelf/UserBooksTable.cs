using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// The writes of user_books, the shelf entries: an entry is inserted, brought back when its book is added again
/// after removal, has its reading state updated, and is soft-deleted.
/// </summary>
public static class UserBooksTable
{
    public static readonly Table Table = new("user_books");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<long> BookId = Table.Column<long>("book_id");
    private static readonly Column<string?> Isbn = Table.Column<string?>("isbn");
    private static readonly Column<BookCategory> Category = Table.Column<BookCategory>("category");
    private static readonly Column<bool> CategoryManuallySet = Table.Column<bool>("category_manually_set");
    private static readonly Column<string?> Expectation = Table.Column<string?>("expectation");
    private static readonly Column<DateOnly?> ReadingStartDate = Table.Column<DateOnly?>("reading_start_date");
    private static readonly Column<int?> ReadingProgress = Table.Column<int?>("reading_progress");
    private static readonly Column<PurchaseType?> PurchaseType = Table.Column<PurchaseType?>("purchase_type");
    private static readonly Column<DateOnly?> ReadingFinishedDate = Table.Column<DateOnly?>("reading_finished_date");
    private static readonly Column<int?> Rating = Table.Column<int?>("rating");
    private static readonly Column<string?> Review = Table.Column<string?>("review");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<long> UpdatedAt = Table.Column<long>("updated_at");
    private static readonly Column<long?> DeletedAt = Table.Column<long?>("deleted_at");
    private static readonly Column<int> Version = Table.Column<int>("version", onInsert: false);

    // Set by imports of ISBN-less books only (unique per user, migration 0021); every other insert leaves it NULL.
    private static readonly Column<string?> TitleKey = Table.Column<string?>("title_key", onInsert: false);

    /// <summary>A book put on the user's shelf, keyed by its ISBN-13 when it has one; its category counts as chosen by hand.</summary>
    public static RowWrite Insert(long id, long userId, string? isbn, long bookId, ShelfFields fields, long now) =>
        Table.Insert([.. Added(bookId, fields, now), Table.Id.Set(id), UserId.Set(userId), Isbn.Set(isbn)]);

    /// <summary>
    /// A book an import puts on the shelf: dated the day the file says it was added, when it says so. Without an ISBN it
    /// carries its <paramref name="titleKey"/> (<see cref="Transfer.BookIdentity.TitleKey"/>), unique per user like the ISBN.
    /// </summary>
    public static RowWrite InsertImported(long id, long userId, string? isbn, string? titleKey, long bookId, ShelfFields fields, long addedAt, long now) =>
        Table.Insert([.. Added(bookId, fields, now, addedAt), Table.Id.Set(id), UserId.Set(userId), Isbn.Set(isbn), TitleKey.Set(titleKey)]);

    /// <summary>An entry removed earlier comes back as a new one: the same row, with the new book row and reading state.</summary>
    public static RowWrite Revive(long id, long bookId, ShelfFields fields, long now) => Table.Update(id, Added(bookId, fields, now));

    /// <summary>Every reading-state column of the entry, so what is stored is exactly what the rules checked.</summary>
    public static RowWrite UpdateReading(long id, ShelfFields fields, bool manuallySet, long now) =>
        Table.Update(id, [.. Reading(fields, manuallySet), UpdatedAt.Set(now)]);

    /// <summary>
    /// A memo's move of the progress to <paramref name="page"/>, with the category it leads to: only while the stored
    /// progress is lower (or none), so concurrent moves, in whatever order each master gets them, end at the highest page.
    /// </summary>
    public static RowWrite MoveProgress(long id, int page, BookCategory category, long now) =>
        Table.UpdateIfBelow(id, ReadingProgress.Set(page), ReadingProgress.Set(page), Category.Set(category), UpdatedAt.Set(now));

    /// <summary>
    /// The entry's version moves on: added by each master to what it holds, so concurrent writes each count and a change
    /// made on an older version is known to be late (ADR-013). Every write of an entry adds this beside it.
    /// </summary>
    public static RowWrite NextVersion(long id) => Table.Increment(id, Version, 1);

    /// <summary>A tombstone offline clients learn of; the entry's memos are tombstoned in the same batch.</summary>
    public static RowWrite SoftDelete(long id, long now) => Table.Update(id, DeletedAt.Set(now), UpdatedAt.Set(now));

    private static ColumnValue[] Added(long bookId, ShelfFields fields, long now, long? createdAt = null) =>
        [BookId.Set(bookId), .. Reading(fields, manuallySet: true), CreatedAt.Set(createdAt ?? now), UpdatedAt.Set(now), DeletedAt.Set(null)];

    private static ColumnValue[] Reading(ShelfFields f, bool manuallySet) =>
    [
        Category.Set(f.Category), CategoryManuallySet.Set(manuallySet), Expectation.Set(f.Expectation),
        ReadingStartDate.Set(f.ReadingStartDate), ReadingProgress.Set(f.ReadingProgress), PurchaseType.Set(f.PurchaseType),
        ReadingFinishedDate.Set(f.ReadingFinishedDate), Rating.Set(f.Rating), Review.Set(f.Review),
    ];
}
