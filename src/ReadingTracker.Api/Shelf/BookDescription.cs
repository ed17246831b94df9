using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Shelf;

/// <summary>What a books row says about a book: typed by a user, or given by a provider.</summary>
public sealed record BookDescription(
    string Title, string Author, string? Publisher, string? Description, string? CoverUrl, int? TotalPages, string? MainGenre, string? PubDate)
{
    /// <summary>
    /// The provider's data cut to the catalogue's columns. A provider may name no author: the catalogue
    /// needs one and the web client sends "-" for it, so both say the same.
    /// </summary>
    public static BookDescription From(BookDetail book) => new(
        Clip(book.Title, 255)!, Clip(book.Author, 255) ?? "-", Clip(book.Publisher, 255), Clip(book.Description, 10_000),
        book.CoverUrl is { Length: <= 500 } cover ? cover : null, book.TotalPages, Clip(book.MainGenre, 100), book.PubDate);

    public static BookDescription From(BookRow row) => new(
        row.Title, row.Author, row.Publisher, row.Description, row.CoverUrl, row.TotalPages, row.MainGenre, row.PubDate);

    /// <summary>
    /// True when every field the request filled in says what the provider says: the request describes the
    /// provider's book (as the client's add-from-search does) and nothing of it was typed differently.
    /// </summary>
    public bool IsDescribedBy(BookDescription typed) =>
        Agrees(typed.Title, Title) && Agrees(typed.Author, Author) && Agrees(typed.Publisher, Publisher)
        && Agrees(typed.Description, Description) && Agrees(typed.CoverUrl, CoverUrl) && Agrees(typed.MainGenre, MainGenre)
        && Agrees(typed.PubDate, PubDate) && (typed.TotalPages is null || typed.TotalPages == TotalPages);

    private static bool Agrees(string? typed, string? given) =>
        string.IsNullOrWhiteSpace(typed) || string.Equals(typed.Trim(), given?.Trim(), StringComparison.Ordinal);

    private static string? Clip(string? value, int max)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > max ? text[..max] : text;
    }
}
