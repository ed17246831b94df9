using ReadingTracker.Api.Books;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>The books row a new shelf entry points at, and what that entry shows.</summary>
public sealed record PlacedBook(long BookId, BookDescription Book);

/// <summary>
/// Decides which books row a shelf entry gets. Only a provider's data is shared between users: the
/// shared row for an ISBN is written and refreshed from the provider's answer alone (the catalogue
/// asks it, cached), never from a request. A request that says what the provider says joins that row;
/// anything typed differently — or any book the provider cannot confirm — becomes the user's own row,
/// which no other user can reach.
/// </summary>
public sealed partial class ShelfBookSource(BookCatalog catalog, ShelfStore shelf, IdGenerator ids, ILogger<ShelfBookSource> logger)
{
    public async Task<PlacedBook> PlaceAsync(
        long userId, string? isbn, string? lookupIsbn, BookDescription typed, ShelfEntryRow? existing, WriteBatch batch, long now, CancellationToken ct)
    {
        if (isbn is not null && await ProviderBookAsync(lookupIsbn ?? isbn, ct) is { } provided)
        {
            var shared = await shelf.FindSharedBookAsync(isbn, ct);
            var sharedId = shared?.Id ?? ids.NextId();
            if (shared is null)
            {
                batch.Add(BooksTable.Insert(sharedId, provided, ownerUserId: null, isbn, now));
            }
            else if (BookDescription.From(shared) != provided)
            {
                // The provider's answer is the only source of a shared row, so it is also how one is refreshed.
                batch.Add(BooksTable.Describe(sharedId, provided, now));
            }

            if (provided.IsDescribedBy(typed))
            {
                return new PlacedBook(sharedId, provided);
            }
        }

        if (existing is { BookOwnerUserId: { } owner } && owner == userId)
        {
            // Added again after removal, typed anew: the user's own row takes the new typing.
            batch.Add(BooksTable.Describe(existing.BookId, typed, now));
            return new PlacedBook(existing.BookId, typed);
        }

        var ownId = ids.NextId();
        batch.Add(BooksTable.Insert(ownId, typed, userId, isbn: null, now));
        return new PlacedBook(ownId, typed);
    }

    /// <summary>The provider's book, or null when it does not know the ISBN or cannot answer now (then the typing stays private).</summary>
    private async Task<BookDescription?> ProviderBookAsync(string isbn, CancellationToken ct)
    {
        try
        {
            return await catalog.LookupAsync(isbn, ct) is { } book ? BookDescription.From(book) : null;
        }
        catch (ApiException ex) when (ex.Code is "BOOK_PROVIDER_UNAVAILABLE" or "BOOK_PROVIDER_ERROR")
        {
            LogUnconfirmed(logger, isbn, ex.Code);
            return null;
        }
    }

    [LoggerMessage(EventId = 4110, EventName = "ShelfBookUnconfirmed", Level = LogLevel.Information,
        Message = "No provider could confirm ISBN {Isbn} ({Code}); the book is added as the user typed it, for that user only")]
    private static partial void LogUnconfirmed(ILogger logger, string isbn, string code);
}
