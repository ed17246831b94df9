using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

public sealed record StartReadingRequest(string? ReadingStartDate, int? ReadingProgress, PurchaseType? PurchaseType);

public sealed record FinishReadingRequest(string? ReadingFinishedDate, int? Rating, string? Review);

/// <summary>
/// POST /user/books/{id}/start-reading and /finish-reading: the two guided moves of the reading life
/// cycle. Each starts only from its own states (else 409) and leaves an entry that satisfies docs/contract.md §4.1.
/// </summary>
public static class ReadingTransitions
{
    public static async Task<Ok<ApiResponse<MessageResponse>>> StartReading(
        long userBookId, StartReadingRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        // docs/contract.md §4.1 for Reading requires the start date and progress.
        var v = new Validator();
        var current = ShelfEntryWrites.Fields(entry);
        var fields = CategoryRules.Check(v, current with
        {
            Category = BookCategory.Reading,
            ReadingStartDate = v.Date(request.ReadingStartDate, "readingStartDate"),
            ReadingProgress = request.ReadingProgress,
            PurchaseType = request.PurchaseType ?? current.PurchaseType,
            // A new reading starts without the verdict of an earlier one.
            ReadingFinishedDate = null,
            Rating = null,
            Review = null,
        }, entry.TotalPages);
        v.ThrowIfInvalid();
        if (current.Category != BookCategory.ToRead)
        {
            throw ShelfErrors.InvalidTransition(current.Category, BookCategory.Reading);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await writer.WriteAsync(new WriteBatch().UpdateEntry(userBookId, fields, manuallySet: true, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, ProgressSource.START, now), ct);
        return Envelope.Message(http, "책 읽기를 시작했습니다.", "You started reading the book.");
    }

    public static async Task<Ok<ApiResponse<MessageResponse>>> FinishReading(
        long userBookId, FinishReadingRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var entry = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var input = new Validator().Required(request.ReadingFinishedDate, "readingFinishedDate").Required(request.Rating, "rating")
            .Range(request.Rating, 1, 5, "rating");
        var finishedDate = input.Date(request.ReadingFinishedDate, "readingFinishedDate");
        input.ThrowIfInvalid();
        var current = ShelfEntryWrites.Fields(entry);
        if (current.Category is not (BookCategory.Reading or BookCategory.AlmostFinished))
        {
            throw ShelfErrors.InvalidTransition(current.Category, BookCategory.Finished);
        }

        // docs/contract.md §4.1 for Finished: finished ≥ start, rating 1–5, progress := totalPages (kept when the book's length is unknown).
        var v = new Validator();
        var fields = CategoryRules.Check(v, current with
        {
            Category = BookCategory.Finished,
            ReadingFinishedDate = finishedDate,
            Rating = request.Rating,
            Review = request.Review ?? current.Review,
        }, entry.TotalPages);
        v.ThrowIfInvalid();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await writer.WriteAsync(new WriteBatch().UpdateEntry(userBookId, fields, manuallySet: true, now)
            .AddProgressChange(ids, entry, fields.ReadingProgress, ProgressSource.FINISH, now), ct);
        return Envelope.Message(http, "책이 완독 처리되었습니다.", "The book was marked as finished.");
    }
}
