using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

public sealed record AddToShelfRequest(
    string? Isbn, string? Title, string? Author, string? Publisher, string? Description, string? CoverUrl,
    int? TotalPages, string? MainGenre, string? PubDate, BookCategory? Category, string? Expectation,
    string? ReadingStartDate, int? ReadingProgress, PurchaseType? PurchaseType, string? ReadingFinishedDate,
    int? Rating, string? Review);

public sealed record AddToShelfResponse(string Message, long UserBookId, long BookId, string Title, BookCategory Category);

/// <summary>
/// POST /user/books: put a book on the shelf — found by search (with an ISBN) or typed in by hand (no
/// ISBN). The catalogue row and the entry are one batch, so both masters get both or neither.
/// </summary>
public static class AddToShelf
{
    public static async Task<Ok<ApiResponse<AddToShelfResponse>>> Handle(
        AddToShelfRequest request, CurrentUser user, ShelfStore shelf, DualWriter writer, IdGenerator ids,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var v = new Validator().Required(request.Title, "title").Required(request.Author, "author").Required(request.Category, "category")
            .MaxLength(request.Title, 255, "title").MaxLength(request.Author, 255, "author").MaxLength(request.Publisher, 255, "publisher")
            .MaxLength(request.CoverUrl, 500, "coverUrl").MaxLength(request.MainGenre, 100, "mainGenre").MaxLength(request.Description, 10_000, "description")
            .Range(request.TotalPages, 1, 100_000, "totalPages");
        var isbn = CatalogIsbn(request.Isbn);
        if (!string.IsNullOrWhiteSpace(request.Isbn) && isbn is null)
        {
            v.Add("isbn", "ISBN은 10자리 또는 13자리 숫자입니다.", "An ISBN has 10 or 13 digits.");
        }

        // Books are older than any reading date: only the far end is bounded.
        var pubDate = v.Date(NormalizePubDate(request.PubDate), "pubDate", DateOnly.MinValue, WireTime.MaxDate);
        var catalogued = isbn is null ? null : await shelf.FindBookByIsbnAsync(isbn, ct);
        var totalPages = catalogued?.TotalPages ?? request.TotalPages;
        var fields = CategoryRules.Check(v, new ShelfFields(
            request.Category ?? BookCategory.ToRead, request.Expectation, v.Date(request.ReadingStartDate, "readingStartDate"),
            request.ReadingProgress, request.PurchaseType, v.Date(request.ReadingFinishedDate, "readingFinishedDate"),
            request.Rating, request.Review), totalPages);
        v.ThrowIfInvalid();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch();
        var bookId = catalogued?.Id ?? ids.NextId();
        if (catalogued is null)
        {
            batch.Insert("books", new
            {
                Id = bookId, Isbn = isbn, Title = request.Title!.Trim(), Author = request.Author!.Trim(), request.Publisher,
                request.Description, request.CoverUrl, request.TotalPages, request.MainGenre, PubDate = pubDate,
                CreatedAt = now, UpdatedAt = now,
            });
        }

        var existing = catalogued is null ? null : await shelf.FindEntryForBookAsync(user.Id, bookId, ct);
        if (existing is { DeletedAt: null })
        {
            throw ShelfErrors.DuplicateBook();
        }

        var entryId = existing?.Id ?? ids.NextId();
        var values = new Dictionary<string, object?>
        {
            ["category"] = fields.Category.ToString(),
            ["category_manually_set"] = 1L,
            ["expectation"] = fields.Expectation,
            ["reading_start_date"] = Wire(fields.ReadingStartDate),
            ["reading_progress"] = fields.ReadingProgress,
            ["purchase_type"] = fields.PurchaseType?.ToString(),
            ["reading_finished_date"] = Wire(fields.ReadingFinishedDate),
            ["rating"] = fields.Rating,
            ["review"] = fields.Review,
            ["updated_at"] = now,
            ["deleted_at"] = null,
        };
        if (existing is null)
        {
            values["id"] = entryId;
            values["user_id"] = user.Id;
            values["book_id"] = bookId;
            values["created_at"] = now;
            batch.Insert("user_books", values);
        }
        else
        {
            // The book was on the shelf before and was removed: bring the same entry back.
            values["created_at"] = now;
            batch.Update("user_books", entryId, values);
        }

        try
        {
            await writer.WriteAsync(batch, ct);
        }
        catch (UniqueViolationException)
        {
            // A concurrent add of the same book won the race.
            throw ShelfErrors.DuplicateBook();
        }

        var title = catalogued?.Title ?? request.Title!.Trim();
        return Envelope.Ok(new AddToShelfResponse(
            Language.Pick(http, "책이 내 서재에 추가되었습니다.", "The book was added to your shelf."), entryId, bookId, title, fields.Category));
    }

    /// <summary>The catalogue keys books by ISBN-13 (an ISBN-10 is converted), so search and hand entry meet.</summary>
    private static string? CatalogIsbn(string? raw)
    {
        var cleaned = Books.Isbn.Clean(raw);
        return !Books.Isbn.IsWellFormed(cleaned) ? null : cleaned.Length == 10 ? Books.Isbn.ToIsbn13(cleaned) : cleaned;
    }

    private static string? Wire(DateOnly? date) => date is { } d ? WireTime.ToWire(d) : null;

    /// <summary>Providers give "2024", "2024-05" or "2024-05-17"; the catalogue keeps a full date.</summary>
    private static string? NormalizePubDate(string? value) => value?.Trim() switch
    {
        null or "" => null,
        { Length: 4 } year => year + "-01-01",
        { Length: 7 } month => month + "-01",
        var other => other,
    };
}
