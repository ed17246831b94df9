using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Shelf;

/// <summary>The shelf's date orders (wire values <c>added</c>, <c>started</c>, <c>finished</c>), each newest first.</summary>
public enum ShelfDateSort
{
    Added,
    Started,
    Finished,
}

/// <summary>GET /user/books and GET /user/books/{id}: the user's live shelf, never anyone else's.</summary>
public static class ShelfReads
{
    /// <summary>
    /// A page of the shelf; <c>totalCount</c> counts the whole list, so a client sees how much is left. Ascending by a book
    /// column (<c>sortBy</c>, the earlier client's, title when neither is sent), or newest first by the date <c>sort</c>
    /// names: <c>added</c>, <c>started</c> or <c>finished</c>, entries without that date last.
    /// </summary>
    public static async Task<Ok<ApiPage<ShelfList>>> List(
        BookCategory? category, BookSortCriteria? sortBy, string? sort, int? limit, string? cursor, CurrentUser user, ShelfStore shelf,
        CancellationToken ct)
    {
        var v = new Validator().Defined(category, "category").Defined(sortBy, "sortBy");
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var byDate = ParseSort(v, sort);
        if (byDate is not null && sortBy is not null)
        {
            v.Add("sort", "sort와 sortBy 중 하나만 보내주세요.", "Send sort or sortBy, not both.");
        }

        var after = byDate is { } d
            ? PageCursor.Decode(v, cursor, ShelfStore.CursorKindOf(d), numericKey: d == ShelfDateSort.Added)
            : PageCursor.Decode(v, cursor, ShelfStore.CursorKind, numericKey: false);
        v.ThrowIfInvalid();
        var page = byDate is { } date
            ? await shelf.ListEntriesByDateAsync(user.Id, category, date, after, take, ct)
            : await shelf.ListEntriesAsync(user.Id, category, sortBy ?? BookSortCriteria.TITLE, after, take, ct);
        var total = page.NextCursor is null && after is null ? page.Items.Count : await shelf.CountEntriesAsync(user.Id, category, ct);
        var books = page.Items.Select(r => ShelfBook.From(r, user.TimeZone)).ToList();
        return TypedResults.Ok(new ApiPage<ShelfList>(true, new ShelfList(books, total), page.NextCursor));
    }

    private static ShelfDateSort? ParseSort(Validator v, string? sort)
    {
        switch (sort)
        {
            case null:
                return null;
            case "added":
                return ShelfDateSort.Added;
            case "started":
                return ShelfDateSort.Started;
            case "finished":
                return ShelfDateSort.Finished;
            default:
                v.Add("sort", "허용되는 값: added, started, finished", "Allowed values: added, started, finished");
                return null;
        }
    }

    public static async Task<Ok<ApiResponse<ShelfBook>>> Get(long userBookId, CurrentUser user, ShelfStore shelf, CancellationToken ct)
    {
        var row = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        return Envelope.Ok(ShelfBook.From(row, user.TimeZone));
    }
}
