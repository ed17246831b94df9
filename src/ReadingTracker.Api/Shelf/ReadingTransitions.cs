using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

public sealed record StartReadingRequest(string? ReadingStartDate, int? ReadingProgress, PurchaseType? PurchaseType, int? BaseVersion = null);

public sealed record FinishReadingRequest(string? ReadingFinishedDate, int? Rating, string? Review, int? BaseVersion = null);

/// <summary>
/// POST /user/books/{id}/start-reading and /finish-reading: the two guided moves of the reading life
/// cycle. Each starts only from its own states (else 409) and leaves an entry that satisfies docs/contract.md §4.1.
/// On an older <c>baseVersion</c> a transition whose state still holds applies, its pages read never below the stored
/// ones (<see cref="ShelfConflicts"/>); one whose starting state is gone is refused with 409, as without it.
/// </summary>
public static class ReadingTransitions
{
    public static async Task<Ok<ApiResponse<ShelfWriteResponse>>> StartReading(
        long userBookId, StartReadingRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        new Validator().Min(request.BaseVersion, 1, "baseVersion").ThrowIfInvalid();
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var late = ShelfConflicts.IsLate(entry, request.BaseVersion);
        // docs/contract.md §4.1 for Reading requires the start date and progress.
        var v = new Validator();
        var current = ShelfEntryWrites.Fields(entry);
        var requested = current with
        {
            Category = BookCategory.Reading,
            ReadingStartDate = v.Date(request.ReadingStartDate, "readingStartDate"),
            ReadingProgress = request.ReadingProgress,
            PurchaseType = request.PurchaseType ?? current.PurchaseType,
            // A new reading starts without the verdict of an earlier one.
            ReadingFinishedDate = null,
            Rating = null,
            Review = null,
        };
        var fields = CategoryRules.Check(v, requested with
        {
            ReadingProgress = ShelfConflicts.Pages(late, requested.ReadingProgress, current.ReadingProgress),
        }, entry.TotalPages);
        v.ThrowIfInvalid();
        if (current.Category != BookCategory.ToRead)
        {
            throw ShelfErrors.InvalidTransition(current.Category, BookCategory.Reading);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch().UpdateEntry(userBookId, fields, manuallySet: true, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, ProgressSource.START, now);
        return await ShelfWriteAnswer.WriteAsync(writer, batch, entry, late, ShelfConflicts.Losers(late, current, requested, fields), ids, now,
            user, shelf, http, "책 읽기를 시작했습니다.", "You started reading the book.", ct);
    }

    public static async Task<Ok<ApiResponse<ShelfWriteResponse>>> FinishReading(
        long userBookId, FinishReadingRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var input = new Validator().Required(request.ReadingFinishedDate, "readingFinishedDate").Required(request.Rating, "rating")
            .Range(request.Rating, 1, 5, "rating").Min(request.BaseVersion, 1, "baseVersion");
        var finishedDate = input.Date(request.ReadingFinishedDate, "readingFinishedDate");
        input.ThrowIfInvalid();
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var late = ShelfConflicts.IsLate(entry, request.BaseVersion);
        var current = ShelfEntryWrites.Fields(entry);
        if (current.Category is not (BookCategory.Reading or BookCategory.AlmostFinished))
        {
            throw ShelfErrors.InvalidTransition(current.Category, BookCategory.Finished);
        }

        // docs/contract.md §4.1 for Finished: finished ≥ start, rating 1–5, progress := totalPages (kept when the book's length is unknown).
        var v = new Validator();
        var requested = current with
        {
            Category = BookCategory.Finished,
            ReadingFinishedDate = finishedDate,
            Rating = request.Rating,
            Review = request.Review ?? current.Review,
        };
        var fields = CategoryRules.Check(v, requested, entry.TotalPages);
        v.ThrowIfInvalid();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch().UpdateEntry(userBookId, fields, manuallySet: true, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, ProgressSource.FINISH, now);
        return await ShelfWriteAnswer.WriteAsync(writer, batch, entry, late, ShelfConflicts.Losers(late, current, requested with
        {
            ReadingProgress = fields.ReadingProgress,
        }, fields), ids, now, user, shelf, http, "책이 완독 처리되었습니다.", "The book was marked as finished.", ct);
    }
}
