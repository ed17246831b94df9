using System.Globalization;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Books;

/// <summary>Open Library (keyless): /search.json for search, /isbn/{isbn}.json (+ the first author) for detail.</summary>
public sealed class OpenLibraryBookProvider(HttpClient http, IOptions<OpenLibraryOptions> options, ILogger<OpenLibraryBookProvider> logger) : IBookProvider
{
    public const string ProviderName = "OPEN_LIBRARY";

    public string Name => ProviderName;

    public async Task<BookSearchPage> SearchAsync(BookQuery query, CancellationToken ct)
    {
        var field = query.Filter switch
        {
            BookSearchFilter.AUTHOR => "author",
            BookSearchFilter.PUBLISHER => "publisher",
            _ => "title",
        };
        var url = "search.json?" + AladinBookProvider.QueryString(
            (field, query.Text),
            ("page", query.Start.ToString(CultureInfo.InvariantCulture)),
            ("limit", query.MaxResults.ToString(CultureInfo.InvariantCulture)),
            ("fields", OpenLibraryJson.SearchFields));
        var body = await ProviderHttp.GetAsync(http, url, ProviderName, "search", logger, ct);
        return ProviderHttp.Read(body!, raw => OpenLibraryJson.ReadSearch(raw, options.Value.CoversBaseUrl), ProviderName, "search", logger);
    }

    public async Task<BookDetail?> LookupAsync(string isbn, CancellationToken ct)
    {
        // /isbn/{isbn}.json answers with a redirect to the edition (/books/OL…M.json), which HttpClient follows.
        var body = await ProviderHttp.GetAsync(http, $"isbn/{Uri.EscapeDataString(isbn)}.json", ProviderName, "lookup", logger, ct, notFoundIsNull: true);
        if (body is null)
        {
            return null;
        }

        var authorKey = ProviderHttp.Read(body, OpenLibraryJson.FirstAuthorKey, ProviderName, "lookup", logger);
        var author = authorKey is null ? null : await AuthorNameAsync(authorKey, ct);
        return ProviderHttp.Read(body, raw => OpenLibraryJson.ReadEdition(raw, isbn, author, options.Value.CoversBaseUrl), ProviderName, "lookup", logger);
    }

    /// <summary>Best effort: a book without its author's name is still a book.</summary>
    private async Task<string?> AuthorNameAsync(string key, CancellationToken ct)
    {
        try
        {
            var body = await ProviderHttp.GetAsync(http, key.TrimStart('/') + ".json", ProviderName, "author", logger, ct, notFoundIsNull: true);
            return body is null ? null : ProviderHttp.Read(body, OpenLibraryJson.AuthorName, ProviderName, "author", logger);
        }
        catch (ApiException)
        {
            return null;
        }
    }
}
