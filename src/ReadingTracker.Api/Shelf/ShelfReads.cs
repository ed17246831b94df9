using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Shelf;

/// <summary>GET /user/books and GET /user/books/{id}: the user's live shelf, never anyone else's.</summary>
public static class ShelfReads
{
    /// <summary>A page of the shelf; <c>totalCount</c> counts the whole list, so a client sees how much is left.</summary>
    public static async Task<Ok<ApiPage<ShelfList>>> List(
        BookCategory? category, BookSortCriteria? sortBy, int? limit, string? cursor, CurrentUser user, ShelfStore shelf, CancellationToken ct)
    {
        var v = new Validator().Defined(category, "category").Defined(sortBy, "sortBy");
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = PageCursor.Decode(v, cursor, ShelfStore.CursorKind, numericKey: false);
        v.ThrowIfInvalid();
        var page = await shelf.ListEntriesAsync(user.Id, category, sortBy ?? BookSortCriteria.TITLE, after, take, ct);
        var total = page.NextCursor is null && after is null ? page.Items.Count : await shelf.CountEntriesAsync(user.Id, category, ct);
        var books = page.Items.Select(r => ShelfBook.From(r, user.TimeZone)).ToList();
        return TypedResults.Ok(new ApiPage<ShelfList>(true, new ShelfList(books, total), page.NextCursor));
    }

    public static async Task<Ok<ApiResponse<ShelfBook>>> Get(long userBookId, CurrentUser user, ShelfStore shelf, CancellationToken ct)
    {
        var row = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        return Envelope.Ok(ShelfBook.From(row, user.TimeZone));
    }
}
