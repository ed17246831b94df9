using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

public sealed record CloseBookRequest(int? LastReadPage, string? ReadingFinishedDate, int? Rating, string? Review, int? BaseVersion = null);

/// <summary>
/// POST /memos/books/{id}/close: end a reading session at a page. The page becomes the progress and
/// the category follows it (<see cref="CloseBookRules"/>); reaching the last page finishes the book,
/// which needs its finish date and rating. A close on an older <c>baseVersion</c> never moves the pages read back:
/// the larger page wins (<see cref="ShelfConflicts"/>).
/// </summary>
public static class CloseBook
{
    public static async Task<Ok<ApiResponse<ShelfWriteResponse>>> Handle(
        long userBookId, CloseBookRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var v = new Validator().Required(request.LastReadPage, "lastReadPage").Min(request.LastReadPage, 1, "lastReadPage")
            .Range(request.Rating, 1, 5, "rating").MaxLength(request.Review, 5000, "review").Min(request.BaseVersion, 1, "baseVersion");
        var finishedDate = v.Date(request.ReadingFinishedDate, "readingFinishedDate");
        if (request.LastReadPage is { } over && entry.TotalPages is { } pages && pages > 0 && over > pages)
        {
            v.Add("lastReadPage", $"마지막 페이지는 전체 페이지({pages})를 넘을 수 없습니다.", $"Cannot exceed the book's {pages} pages.");
        }

        v.ThrowIfInvalid();
        var late = ShelfConflicts.IsLate(entry, request.BaseVersion);
        var current = ShelfEntryWrites.Fields(entry);
        var page = ShelfConflicts.Pages(late, request.LastReadPage, current.ReadingProgress)!.Value;
        var category = CloseBookRules.CategoryAfterClose(current.Category, page, entry.TotalPages);
        var firstMemoDay = await FirstMemoDayAsync(shelf, userBookId, user.TimeZone, ct);
        var fields = current with { Category = category, ReadingProgress = page };
        if (category == BookCategory.ToRead)
        {
            // docs/contract.md §4.3: a book still "to read" after a session keeps when its memos began, and no purchase yet.
            fields = fields with { ReadingStartDate = firstMemoDay ?? current.ReadingStartDate, PurchaseType = null };
        }
        else if (fields.ReadingStartDate is null)
        {
            // A closed session means reading has started; §4.1 wants a start date for every later state.
            fields = fields with { ReadingStartDate = firstMemoDay ?? WireTime.Today(time, user.TimeZone) };
        }

        if (category == BookCategory.Finished)
        {
            fields = Finish(v, fields, finishedDate, request);
        }

        if (v.IsValid)
        {
            fields = CategoryRules.Check(v, fields, entry.TotalPages);
        }

        v.ThrowIfInvalid();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch().UpdateEntry(userBookId, fields, entry.CategoryManuallySet, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, ProgressSource.CLOSE, now);
        var lost = ShelfConflicts.Losers(late, current, fields with { ReadingProgress = request.LastReadPage }, fields);
        return await ShelfWriteAnswer.WriteAsync(writer, batch, entry, late, lost, ids, now,
            user, shelf, http, "독서 활동이 종료되었습니다.", "Your reading session was closed.", ct);
    }

    private static ShelfFields Finish(Validator v, ShelfFields fields, DateOnly? finishedDate, CloseBookRequest request)
    {
        if (finishedDate is null)
        {
            v.Add("readingFinishedDate", "마지막 페이지까지 읽었으면 독서 종료일은 필수 입력 항목입니다.",
                "You reached the last page: the finish date is required to mark the book finished.");
        }

        if (request.Rating is null)
        {
            v.Add("rating", "마지막 페이지까지 읽었으면 평점(1~5)은 필수 입력 항목입니다.",
                "You reached the last page: a rating from 1 to 5 is required to mark the book finished.");
        }

        return fields with { ReadingFinishedDate = finishedDate, Rating = request.Rating, Review = request.Review ?? fields.Review };
    }

    private static async Task<DateOnly?> FirstMemoDayAsync(ShelfStore shelf, long userBookId, TimeZoneInfo zone, CancellationToken ct) =>
        await shelf.FirstMemoStartAsync(userBookId, ct) is { } start ? WireTime.LocalDate(start, zone) : null;
}
