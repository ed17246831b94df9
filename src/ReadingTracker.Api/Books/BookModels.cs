namespace ReadingTracker.Api.Books;

/// <summary>Search filter wire values of the earlier system (→ Aladin Title|Author|Publisher).</summary>
public enum BookSearchFilter
{
    TITLE,
    AUTHOR,
    PUBLISHER,
}

/// <summary>One search result. <c>isbn</c> is always set and always resolvable by GET /books/{isbn}.</summary>
public sealed record BookInfo(
    string Isbn,
    string? Isbn13,
    string Title,
    string? Author,
    string? Publisher,
    string? Description,
    string? CoverUrl,
    int? TotalPages,
    string? MainGenre,
    string? PubDate,
    int? PriceSales,
    int? PriceStandard);

public sealed record BookSearchResponse(
    IReadOnlyList<BookInfo> Books,
    int TotalResults,
    int StartIndex,
    int ItemsPerPage,
    string Query,
    string SearchFilter,
    int Start,
    int MaxResults);

public sealed record BookDetail(
    string Isbn,
    string? Isbn13,
    string Title,
    string? Author,
    string? Publisher,
    string? PubDate,
    string? CoverUrl,
    string? Description,
    int? TotalPages,
    string? MainGenre);

/// <summary>A validated search: <c>Start</c> is a 1-based page number, as Aladin's Start is.</summary>
public sealed record BookQuery(string Text, BookSearchFilter Filter, int Start, int MaxResults);

/// <summary>One page from a provider; <c>TotalResults</c> is the provider's own total, not the page's count.</summary>
public sealed record BookSearchPage(IReadOnlyList<BookInfo> Books, int TotalResults);

public interface IBookProvider
{
    /// <summary>"ALADIN" or "OPEN_LIBRARY", as GET /health/aladin reports it.</summary>
    string Name { get; }

    Task<BookSearchPage> SearchAsync(BookQuery query, CancellationToken ct);

    /// <summary>The book with this cleaned ISBN, or null when the provider does not know it.</summary>
    Task<BookDetail?> LookupAsync(string isbn, CancellationToken ct);
}
