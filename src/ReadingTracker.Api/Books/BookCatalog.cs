using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Books;

/// <summary>
/// The book provider behind a cache: search pages for 10 minutes, book details for 24 hours (both
/// configurable). Aladin allows 5,000 calls a day and Open Library asks for about one a second, so
/// repeated searches and shelf renders must not each reach the provider. Failures are not cached.
/// </summary>
public sealed class BookCatalog(IBookProvider provider, BookCache cache, IOptions<BookCacheOptions> options)
{
    public string ProviderName => provider.Name;

    public async Task<BookSearchPage> SearchAsync(BookQuery query, CancellationToken ct)
    {
        var key = $"books:search:{provider.Name}:{query.Filter}:{query.Start}:{query.MaxResults}:{query.Text}";
        if (cache.Entries.TryGetValue(key, out BookSearchPage? cached) && cached is not null)
        {
            return cached;
        }

        var page = await provider.SearchAsync(query, ct);
        cache.Entries.Set(key, page, Entry(TimeSpan.FromMinutes(options.Value.SearchMinutes)));
        return page;
    }

    public async Task<BookDetail?> LookupAsync(string isbn, CancellationToken ct)
    {
        var key = $"books:detail:{provider.Name}:{isbn}";
        if (cache.Entries.TryGetValue(key, out BookDetail? cached) && cached is not null)
        {
            return cached;
        }

        var book = await provider.LookupAsync(isbn, ct);
        if (book is not null)
        {
            cache.Entries.Set(key, book, Entry(TimeSpan.FromHours(options.Value.DetailHours)));
        }

        return book;
    }

    private static MemoryCacheEntryOptions Entry(TimeSpan lifetime) =>
        new() { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 };
}

/// <summary>The books' own bounded cache (a size limit on the shared IMemoryCache would force sizes on every feature).</summary>
public sealed class BookCache(IOptions<BookCacheOptions> options) : IDisposable
{
    public MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });

    public void Dispose() => Entries.Dispose();
}
