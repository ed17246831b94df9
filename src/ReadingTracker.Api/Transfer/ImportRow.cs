using System.Globalization;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Transfer;

/// <summary>
/// One book as a file says it, before the checks every format shares: title and author present and within the
/// catalogue's lengths, pages and rating in range, dates readable, review and memos within a memo's length. A row that
/// fails any of them is reported with its first reason and imports nothing.
/// </summary>
public sealed record ImportRow(int Row, string? Title, string? Author)
{
    public string? Isbn { get; init; }

    public string? Publisher { get; init; }

    public string? Pages { get; init; }

    public string? Category { get; init; }

    public string? Rating { get; init; }

    public string? Review { get; init; }

    public string? Expectation { get; init; }

    public string? StartDate { get; init; }

    public string? FinishDate { get; init; }

    public string? AddedDate { get; init; }

    public string? Progress { get; init; }

    public IReadOnlyList<ImportRowMemo> Memos { get; init; } = [];

    /// <summary>The checked book, or the reason the row is left alone.</summary>
    public (ImportedBook? Book, RowProblem? Problem) Check(TimeZoneInfo zone, long now)
    {
        var title = Title?.Trim();
        var author = Author?.Trim();
        RowProblem Fail(string korean, string english) => new(Row, title, new Text(korean, english));
        if (string.IsNullOrEmpty(title) || title.Length > 255)
        {
            return (null, Fail("제목이 없거나 255자를 넘습니다.", "The title is missing or longer than 255 characters."));
        }

        if (string.IsNullOrEmpty(author))
        {
            author = "-";
        }

        if (author.Length > 255 || Publisher?.Trim().Length > 255)
        {
            return (null, Fail("저자나 출판사가 255자를 넘습니다.", "The author or publisher is longer than 255 characters."));
        }

        if (!TryInt(Pages, 1, 100_000, out var pages))
        {
            return (null, Fail($"쪽수 '{Pages}'를 읽을 수 없습니다.", $"Cannot read the page count '{Pages}'."));
        }

        if (!TryRating(Rating, out var rating))
        {
            return (null, Fail($"별점 '{Rating}'은 0에서 5 사이가 아닙니다.", $"The rating '{Rating}' is not between 0 and 5."));
        }

        if (!TryDate(StartDate, out var start) || !TryDate(FinishDate, out var finish) || !TryDate(AddedDate, out var added))
        {
            return (null, Fail("날짜를 읽을 수 없습니다 (2024/05/17 또는 2024-05-17 형식).", "Cannot read a date (write 2024/05/17 or 2024-05-17)."));
        }

        if (Review?.Length > 5000 || Expectation?.Length > 500)
        {
            return (null, Fail("서평이 5,000자를, 기대평이 500자를 넘습니다.", "The review is longer than 5,000 characters, or the expectation than 500."));
        }

        if (!TryInt(Progress, 0, 100_000, out var progress))
        {
            return (null, Fail($"읽은 쪽 '{Progress}'를 읽을 수 없습니다.", $"Cannot read the progress '{Progress}'."));
        }

        var category = Enum.TryParse<BookCategory>(Category, ignoreCase: false, out var c) ? c : BookCategory.ToRead;
        // A file knows less than the shelf's forms ask: a finished book may have no start day or rating. The start falls
        // back to the finish day (or the day added); the rating stays empty rather than be invented.
        var fields = category switch
        {
            BookCategory.Finished => new ShelfFields(category, Trim(Expectation), start ?? finish ?? added, pages ?? progress, null, finish ?? start ?? added, rating, Trim(Review)),
            BookCategory.Reading or BookCategory.AlmostFinished => new ShelfFields(category, Trim(Expectation), start ?? added, Math.Min(progress ?? 0, pages ?? int.MaxValue), null, null, rating, Trim(Review)),
            _ => new ShelfFields(category, Trim(Expectation), null, null, null, null, rating, Trim(Review)),
        };
        if (fields is { ReadingStartDate: { } s, ReadingFinishedDate: { } f } && f < s)
        {
            fields = fields with { ReadingStartDate = f };
        }

        var addedAt = added is { } day ? Noon(day, zone) : (long?)null;
        var book = new BookDescription(title, author, Trim(Publisher), null, null, pages, null, null);
        var key = BookIdentity.Key(BookIdentity.Isbn13(Isbn), title, author);
        var memos = new List<ImportedMemo>();
        foreach (var memo in Memos)
        {
            // A memo the file gives no day for is dated at the import; its identity does not depend on that day.
            var startTime = memo.StartTime ?? ((memo.Day ?? finish ?? added) is { } d ? Noon(d, zone) : now);
            if (string.IsNullOrWhiteSpace(memo.Content) || memo.Content.Length > MemoRules.MaxContentLength)
            {
                return (null, Fail("메모가 비어 있거나 5,000자를 넘습니다.", "A memo is empty or longer than 5,000 characters."));
            }

            if (memo.PageNumber < 1 || memo.PageNumber > (pages ?? MemoRules.MaxPageNumber))
            {
                return (null, Fail($"메모의 쪽 {memo.PageNumber}이 책의 범위를 벗어납니다.", $"A memo's page {memo.PageNumber} is outside the book."));
            }

            if (startTime < Noon(WireTime.MinDate, TimeZoneInfo.Utc) || startTime > now + TimeSpan.FromDays(1).TotalMilliseconds)
            {
                return (null, Fail("메모의 날짜가 1900년 이전이거나 미래입니다.", "A memo's date is before 1900 or in the future."));
            }

            memos.Add(new ImportedMemo(memo.PageNumber, memo.Content, startTime, memo.Tags,
                memo.ClientId ?? BookIdentity.MemoClientId(key, memo.PageNumber, memo.Content)));
        }

        return (new ImportedBook(Row, BookIdentity.Isbn13(Isbn), book, fields, addedAt, memos), null);
    }

    private static long Noon(DateOnly day, TimeZoneInfo zone) => WireTime.StartOf(day, zone) + (long)TimeSpan.FromHours(12).TotalMilliseconds;

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryInt(string? text, int min, int max, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v > max)
        {
            return false;
        }

        value = v < min ? null : v;
        return true;
    }

    /// <summary>0 or empty is "not rated" (Goodreads); StoryGraph's quarter stars round to the nearest whole star.</summary>
    private static bool TryRating(string? text, out int? rating)
    {
        rating = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var stars) || stars < 0 || stars > 5)
        {
            return false;
        }

        var whole = (int)Math.Round(stars, MidpointRounding.AwayFromZero);
        rating = whole == 0 ? null : whole;
        return true;
    }

    private static readonly string[] DateFormats = ["yyyy/MM/dd", "yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.MM.dd"];

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || d < WireTime.MinDate || d > WireTime.MaxDate)
        {
            return false;
        }

        date = d;
        return true;
    }
}

/// <summary>A memo as a file gives it: an instant (our JSON) or only a day (a CSV's private notes), or neither.</summary>
public sealed record ImportRowMemo(int PageNumber, string Content, long? StartTime, DateOnly? Day, IReadOnlyList<string> Tags, string? ClientId);
