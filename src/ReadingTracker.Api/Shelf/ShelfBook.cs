namespace ReadingTracker.Api.Shelf;

public enum BookSortCriteria
{
    TITLE,
    AUTHOR,
    PUBLISHER,
    GENRE,
}

/// <summary>
/// One shelf entry on the wire, field for field as the earlier client reads it (docs/contract.md §3.4):
/// lastReadPage is the reading progress and lastReadAt the start date. readingStartDate and
/// readingProgress say the same under their own names for clients that want them. version moves on every write of the
/// entry; a change sends it back as baseVersion (ADR-013).
/// </summary>
public sealed record ShelfBook(
    long UserBookId,
    long BookId,
    string? Isbn,
    string Title,
    string Author,
    string? Publisher,
    string? Description,
    string? CoverUrl,
    int? TotalPages,
    string? MainGenre,
    string? PubDate,
    BookCategory Category,
    string? Expectation,
    int? LastReadPage,
    string? LastReadAt,
    string? ReadingFinishedDate,
    PurchaseType? PurchaseType,
    string AddedAt,
    int? Rating,
    string? Review,
    string? ReadingStartDate,
    int? ReadingProgress,
    int Version)
{
    public static ShelfBook From(ShelfEntryRow row, TimeZoneInfo zone) => new(
        row.Id, row.BookId, row.Isbn, row.Title, row.Author, row.Publisher, row.Description, row.CoverUrl,
        row.TotalPages, row.MainGenre, row.PubDate, row.CategoryValue, row.Expectation,
        row.ReadingProgress, row.ReadingStartDate, row.ReadingFinishedDate,
        row.PurchaseType is { } p ? Enum.Parse<PurchaseType>(p) : null,
        Http.WireTime.ToWire(row.CreatedAt, zone), row.Rating, row.Review, row.ReadingStartDate, row.ReadingProgress, row.Version);
}

public sealed record ShelfList(IReadOnlyList<ShelfBook> Books, int TotalCount);
