using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// PUT /user/books/{id}/category?category=: the user moves a book by hand. Unlike the earlier system the
/// move is checked against docs/contract.md §4.1 (a Reading book needs a start date and progress), and it marks the
/// category as chosen by hand so the automatic rules of §4.2 respect it.
/// </summary>
public static class ChangeCategory
{
    public static async Task<Ok<ApiResponse<MessageResponse>>> Handle(
        long userBookId, BookCategory category, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        new Validator().Defined<BookCategory>(category, "category").ThrowIfInvalid();
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var v = new Validator();
        var fields = CategoryRules.Check(v, ShelfEntryWrites.Fields(entry) with { Category = category }, entry.TotalPages);
        v.ThrowIfInvalid();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Finished sets the progress to the book's length (§4.1): a change like a finish-reading one.
        await writer.WriteAsync(new WriteBatch().UpdateEntry(userBookId, fields, manuallySet: true, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, category == BookCategory.Finished ? ProgressSource.FINISH : ProgressSource.MANUAL, now), ct);
        return Envelope.Message(http, "책의 읽기 상태가 변경되었습니다.", "The reading state of the book was changed.");
    }
}
