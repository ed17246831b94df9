using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Shelf;

/// <summary>GET /user/books and GET /user/books/{id}: the user's live shelf, never anyone else's.</summary>
public static class ShelfReads
{
    public static async Task<Ok<ApiResponse<ShelfList>>> List(
        BookCategory? category, BookSortCriteria? sortBy, CurrentUser user, ShelfStore shelf, CancellationToken ct)
    {
        new Validator().Defined(category, "category").Defined(sortBy, "sortBy").ThrowIfInvalid();
        var rows = await shelf.ListEntriesAsync(user.Id, category, sortBy ?? BookSortCriteria.TITLE, ct);
        var books = rows.Select(r => ShelfBook.From(r, user.TimeZone)).ToList();
        return Envelope.Ok(new ShelfList(books, books.Count));
    }

    public static async Task<Ok<ApiResponse<ShelfBook>>> Get(long userBookId, CurrentUser user, ShelfStore shelf, CancellationToken ct)
    {
        var row = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        return Envelope.Ok(ShelfBook.From(row, user.TimeZone));
    }
}
