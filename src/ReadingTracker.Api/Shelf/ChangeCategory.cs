using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// PUT /user/books/{id}/category?category=: the user moves a book by hand. Unlike the earlier system the
/// move is checked against docs/contract.md §4.1 (a Reading book needs a start date and progress), and it marks the
/// category as chosen by hand so the automatic rules of §4.2 respect it. A move on an older <c>baseVersion</c> still
/// wins (the later write), and the category it replaced is kept (<see cref="ShelfConflicts"/>).
/// </summary>
public static class ChangeCategory
{
    public static async Task<Ok<ApiResponse<ShelfWriteResponse>>> Handle(
        long userBookId, BookCategory category, int? baseVersion, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        new Validator().Defined<BookCategory>(category, "category").Min(baseVersion, 1, "baseVersion").ThrowIfInvalid();
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var late = ShelfConflicts.IsLate(entry, baseVersion);
        var v = new Validator();
        var current = ShelfEntryWrites.Fields(entry);
        var requested = current with { Category = category };
        var fields = CategoryRules.Check(v, requested, entry.TotalPages);
        v.ThrowIfInvalid();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Finished sets the progress to the book's length (§4.1): a change like a finish-reading one.
        var batch = new WriteBatch().UpdateEntry(userBookId, fields, manuallySet: true, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, category == BookCategory.Finished ? ProgressSource.FINISH : ProgressSource.MANUAL, now);
        return await ShelfWriteAnswer.WriteAsync(writer, batch, entry, late, ShelfConflicts.Losers(late, current, requested, fields), ids, now,
            user, shelf, http, "책의 읽기 상태가 변경되었습니다.", "The reading state of the book was changed.", ct);
    }
}
