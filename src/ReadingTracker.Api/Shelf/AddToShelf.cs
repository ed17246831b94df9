using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Books;
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
/// POST /user/books: put a book on the shelf — found by search or typed in by hand. One ISBN is one
/// book on a user's shelf whichever way it came (DUPLICATE_BOOK); which books row the entry shows is
/// <see cref="ShelfBookSource"/>'s call. The book rows and the entry are one batch, so both masters get
/// all or nothing.
/// </summary>
public static class AddToShelf
{
    public static async Task<Ok<ApiResponse<AddToShelfResponse>>> Handle(
        AddToShelfRequest request, CurrentUser user, ShelfStore shelf, ShelfBookSource books, CoverHosts covers, DualWriter writer,
        IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (typed, isbn, fields) = Validate(request, covers);
        try
        {
            return await AddAsync(request, typed, isbn, fields, user, shelf, books, writer, ids, time, http, ct);
        }
        catch (UniqueViolationException)
        {
            // A concurrent add won a race: of this user's same book (the retry answers DUPLICATE_BOOK), or of
            // another user's first add of the ISBN (the retry joins the shared row that add wrote).
            try
            {
                return await AddAsync(request, typed, isbn, fields, user, shelf, books, writer, ids, time, http, ct);
            }
            catch (UniqueViolationException)
            {
                throw ShelfErrors.DuplicateBook();
            }
        }
    }

    private static (BookDescription Typed, string? Isbn, ShelfFields Fields) Validate(AddToShelfRequest request, CoverHosts covers)
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

        var coverUrl = string.IsNullOrWhiteSpace(request.CoverUrl) ? null : request.CoverUrl.Trim();
        if (coverUrl is not null && !covers.Allows(coverUrl))
        {
            var hosts = string.Join(", ", covers.Origins);
            v.Add("coverUrl", $"표지 이미지는 도서 제공처의 이미지 주소({hosts})만 쓸 수 있습니다.",
                $"A cover must be an image of a book provider ({hosts}).");
        }

        // Books are older than any reading date: only the far end is bounded.
        var pubDate = v.Date(NormalizePubDate(request.PubDate), "pubDate", DateOnly.MinValue, WireTime.MaxDate);
        var fields = CategoryRules.Check(v, new ShelfFields(
            request.Category ?? BookCategory.ToRead, request.Expectation, v.Date(request.ReadingStartDate, "readingStartDate"),
            request.ReadingProgress, request.PurchaseType, v.Date(request.ReadingFinishedDate, "readingFinishedDate"),
            request.Rating, request.Review), request.TotalPages);
        v.ThrowIfInvalid();
        var typed = new BookDescription(request.Title!.Trim(), request.Author!.Trim(), request.Publisher, request.Description,
            coverUrl, request.TotalPages, request.MainGenre, pubDate is { } d ? WireTime.ToWire(d) : null);
        return (typed, isbn, fields);
    }

    private static async Task<Ok<ApiResponse<AddToShelfResponse>>> AddAsync(
        AddToShelfRequest request, BookDescription typed, string? isbn, ShelfFields fields, CurrentUser user, ShelfStore shelf,
        ShelfBookSource books, DualWriter writer, IdGenerator ids, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var existing = isbn is null ? null : await shelf.FindEntryByIsbnAsync(user.Id, isbn, ct);
        if (existing is { DeletedAt: null })
        {
            throw ShelfErrors.DuplicateBook();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch();
        var placed = await books.PlaceAsync(user.Id, isbn, Books.Isbn.Clean(request.Isbn), typed, existing, batch, now, ct);
        if (placed.Book.TotalPages != typed.TotalPages && placed.Book.TotalPages is { } pages)
        {
            // The shared book's length, not the request's, bounds the progress the entry starts with.
            var v = new Validator();
            fields = CategoryRules.Check(v, fields, pages);
            v.ThrowIfInvalid();
        }

        var entryId = existing?.Id ?? ids.NextId();
        // A book that was on the shelf before and was removed comes back as the same entry.
        batch.Add(existing is null
            ? UserBooksTable.Insert(entryId, user.Id, isbn, placed.BookId, fields, now)
            : UserBooksTable.Revive(entryId, placed.BookId, fields, now));
        if (existing is not null)
        {
            batch.Add(UserBooksTable.NextVersion(entryId));
        }

        await writer.WriteAsync(batch, ct);
        return Envelope.Ok(new AddToShelfResponse(
            Language.Pick(http, "책이 내 서재에 추가되었습니다.", "The book was added to your shelf."), entryId, placed.BookId, placed.Book.Title, fields.Category));
    }

    /// <summary>A shelf keys books by ISBN-13 (an ISBN-10 is converted), so a searched and a typed copy are one book.</summary>
    private static string? CatalogIsbn(string? raw)
    {
        var cleaned = Books.Isbn.Clean(raw);
        return !Books.Isbn.IsWellFormed(cleaned) ? null : cleaned.Length == 10 ? Books.Isbn.ToIsbn13(cleaned) : cleaned;
    }

    /// <summary>Providers give "2024", "2024-05" or "2024-05-17"; the catalogue keeps a full date.</summary>
    private static string? NormalizePubDate(string? value) => value?.Trim() switch
    {
        null or "" => null,
        { Length: 4 } year => year + "-01-01",
        { Length: 7 } month => month + "-01",
        var other => other,
    };
}
