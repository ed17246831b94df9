namespace ReadingTracker.Api.Shelf;

public enum BookCategory
{
    ToRead,
    Reading,
    AlmostFinished,
    Finished,
}

public enum PurchaseType
{
    PURCHASE,
    RENTAL,
}

/// <summary>
/// A book row: either shared catalogue data from a provider (unique by ISBN, no owner), or a book one
/// user typed in (its owner; no ISBN here, the shelf entry carries it), which only that user's entry shows.
/// </summary>
public sealed class BookRow
{
    public long Id { get; init; }

    public string? Isbn { get; init; }

    public string Title { get; init; } = "";

    public string Author { get; init; } = "";

    public string? Publisher { get; init; }

    public string? Description { get; init; }

    public string? CoverUrl { get; init; }

    public int? TotalPages { get; init; }

    public string? MainGenre { get; init; }

    public string? PubDate { get; init; }

    public long? OwnerUserId { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }
}

/// <summary>A shelf entry ("user_books"), joined with its book where a read needs both.</summary>
public sealed class ShelfEntryRow
{
    public long Id { get; init; }

    public long UserId { get; init; }

    public long BookId { get; init; }

    public string Category { get; init; } = nameof(BookCategory.ToRead);

    public bool CategoryManuallySet { get; init; }

    public string? Expectation { get; init; }

    public string? ReadingStartDate { get; init; }

    public int? ReadingProgress { get; init; }

    public string? PurchaseType { get; init; }

    public string? ReadingFinishedDate { get; init; }

    public int? Rating { get; init; }

    public string? Review { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public long? DeletedAt { get; init; }

    /// <summary>Moves on every write of the entry (ADR-013).</summary>
    public int Version { get; init; }

    /// <summary>The book's ISBN-13 on this shelf, whichever way it was added.</summary>
    public string? Isbn { get; init; }

    // From the joined books row.
    public long? BookOwnerUserId { get; init; }

    public string Title { get; init; } = "";

    public string Author { get; init; } = "";

    public string? Publisher { get; init; }

    public string? Description { get; init; }

    public string? CoverUrl { get; init; }

    public int? TotalPages { get; init; }

    public string? MainGenre { get; init; }

    public string? PubDate { get; init; }

    public BookCategory CategoryValue => Enum.Parse<BookCategory>(Category);
}
