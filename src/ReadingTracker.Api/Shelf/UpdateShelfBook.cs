using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

public sealed record UpdateShelfBookRequest(
    BookCategory? Category, string? Expectation, string? ReadingStartDate, int? ReadingProgress, PurchaseType? PurchaseType,
    string? ReadingFinishedDate, int? Rating, string? Review, int? BaseVersion = null);

/// <summary>
/// PUT /user/books/{id}: change any of the entry's reading fields. Given fields replace the stored ones,
/// the result must satisfy docs/contract.md §4.1, and then the category follows the progress (§4.2). A change on an
/// older <c>baseVersion</c> is resolved per field (<see cref="ShelfConflicts"/>).
/// </summary>
public static class UpdateShelfBook
{
    public static async Task<Ok<ApiResponse<ShelfWriteResponse>>> Handle(
        long userBookId, UpdateShelfBookRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        new Validator().Min(request.BaseVersion, 1, "baseVersion").ThrowIfInvalid();
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var late = ShelfConflicts.IsLate(entry, request.BaseVersion);
        var v = new Validator();
        var current = ShelfEntryWrites.Fields(entry);
        var merged = new ShelfFields(
            request.Category ?? current.Category,
            request.Expectation ?? current.Expectation,
            v.Date(request.ReadingStartDate, "readingStartDate") ?? current.ReadingStartDate,
            request.ReadingProgress ?? current.ReadingProgress,
            request.PurchaseType ?? current.PurchaseType,
            v.Date(request.ReadingFinishedDate, "readingFinishedDate") ?? current.ReadingFinishedDate,
            request.Rating ?? current.Rating,
            request.Review ?? current.Review);
        var resolved = merged with { ReadingProgress = ShelfConflicts.Pages(late, merged.ReadingProgress, current.ReadingProgress) };
        var checkedFields = CategoryRules.Check(v, resolved, entry.TotalPages);
        v.ThrowIfInvalid();

        var manuallySet = entry.CategoryManuallySet || request.Category is not null;
        var fields = checkedFields with
        {
            Category = AutoCategory.Decide(checkedFields.Category, manuallySet, checkedFields.ReadingProgress, entry.TotalPages),
        };
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch().UpdateEntry(userBookId, fields, manuallySet, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, ProgressSource.MANUAL, now);
        return await ShelfWriteAnswer.WriteAsync(writer, batch, entry, late, ShelfConflicts.Losers(late, current, merged, fields), ids, now,
            user, shelf, http, "책 상세 정보가 변경되었습니다.", "The book's details were changed.", ct);
    }
}
