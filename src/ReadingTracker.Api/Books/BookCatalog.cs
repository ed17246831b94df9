using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Books;

/// <summary>
/// The book provider behind a cache: search pages for 10 minutes, book details for 24 hours (both
/// configurable). Aladin allows 5,000 calls a day and Open Library asks for about one a second, so
/// repeated searches and shelf renders must not each reach the provider. Failures are not cached.
/// When the provider cannot answer and a fallback is configured (Open Library behind Aladin), the fallback
/// answers instead, uncached, so the main provider is asked again as soon as it is back. If the fallback
/// fails too, the caller gets the main provider's error.
/// </summary>
public sealed class BookCatalog(IBookProvider provider, BookFallback fallback, BookCache cache, IOptions<BookCacheOptions> options, ILogger<BookCatalog> logger)
{
    public string ProviderName => provider.Name;

    public async Task<BookSearchPage> SearchAsync(BookQuery query, CancellationToken ct)
    {
        var key = $"books:search:{provider.Name}:{query.Filter}:{query.Start}:{query.MaxResults}:{query.Text}";
        if (cache.Entries.TryGetValue(key, out BookSearchPage? cached) && cached is not null)
        {
            return cached;
        }

        BookSearchPage page;
        try
        {
            page = await provider.SearchAsync(query, ct);
        }
        catch (ApiException ex) when (IsProviderFailure(ex) && fallback.Provider is { } other)
        {
            return await FallBackAsync(ex, other, "search", () => other.SearchAsync(query, ct));
        }

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

        BookDetail? book;
        try
        {
            book = await provider.LookupAsync(isbn, ct);
        }
        catch (ApiException ex) when (IsProviderFailure(ex) && fallback.Provider is { } other)
        {
            return await FallBackAsync(ex, other, "lookup", () => other.LookupAsync(isbn, ct));
        }

        if (book is not null)
        {
            cache.Entries.Set(key, book, Entry(TimeSpan.FromHours(options.Value.DetailHours)));
        }

        return book;
    }

    private static bool IsProviderFailure(ApiException ex) => ex.Code is "BOOK_PROVIDER_UNAVAILABLE" or "BOOK_PROVIDER_ERROR";

    private async Task<T> FallBackAsync<T>(ApiException failure, IBookProvider other, string operation, Func<Task<T>> ask)
    {
        BookLog.FellBack(logger, provider.Name, other.Name, operation, failure.Code);
        try
        {
            return await ask();
        }
        catch (ApiException ex) when (IsProviderFailure(ex))
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
            throw;
        }
    }

    private static MemoryCacheEntryOptions Entry(TimeSpan lifetime) =>
        new() { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 };
}

/// <summary>The provider that answers when the configured one cannot, or none.</summary>
public sealed record BookFallback(IBookProvider? Provider);

/// <summary>The books' own bounded cache (a size limit on the shared IMemoryCache would force sizes on every feature).</summary>
public sealed class BookCache(IOptions<BookCacheOptions> options) : IDisposable
{
    public MemoryCache Entries { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });

    public void Dispose() => Entries.Dispose();
}
