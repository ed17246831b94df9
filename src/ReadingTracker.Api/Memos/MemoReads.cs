using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

public sealed record MemoHistoryResponse(int Version, int PageNumber, string Content, IReadOnlyList<string> Tags, string EditedAt, string ReplacedAt);

public sealed record RecentBookResponse(long Id, string Title, string Author, string? Isbn, BookCategory Category, int? ReadingProgress, string LastMemoTime);

/// <summary>The memo reads of docs/contract.md §3.5. Days are the user's local days.</summary>
public static class MemoReads
{
    public static async Task<Ok<ApiResponse<MemoResponse>>> GetMemo(long memoId, CurrentUser user, MemoStore memos, CancellationToken ct)
    {
        var memo = await memos.FindAsync(user.Id, memoId, ct) ?? throw MemoErrors.NotFound();
        return Envelope.Ok(memo.ToResponse(user.TimeZone));
    }

    /// <summary>The versions an update replaced, newest first, a page at a time (every edit adds one).</summary>
    public static async Task<Ok<ApiPage<IReadOnlyList<MemoHistoryResponse>>>> GetHistory(
        long memoId, int? limit, string? cursor, CurrentUser user, MemoStore memos, CancellationToken ct)
    {
        var v = new Validator();
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = PageCursor.Decode(v, cursor, MemoStore.HistoryCursorKind, numericKey: true);
        v.ThrowIfInvalid();
        _ = await memos.FindAsync(user.Id, memoId, ct) ?? throw MemoErrors.NotFound();
        var page = await memos.HistoryAsync(memoId, after, take, ct);
        return Paging.Ok(page.Map(h => new MemoHistoryResponse(
            h.Version, h.PageNumber, h.Content, h.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries),
            WireTime.ToWire(h.EditedAt, user.TimeZone), WireTime.ToWire(h.ReplacedAt, user.TimeZone))));
    }

    /// <summary>
    /// The memos of one shelf entry, a page at a time; with a date, only that local day's; with a tag, only those that
    /// carry it. Without <c>order</c> oldest first, as the earlier client reads it; <c>order=date</c> newest first,
    /// <c>order=page</c> by page ascending then time (the book's notebook).
    /// </summary>
    public static async Task<Ok<ApiPage<IReadOnlyList<MemoResponse>>>> ForBook(
        long userBookId, string? date, string? order, string? tag, int? limit, string? cursor, CurrentUser user, MemoStore memos,
        ShelfStore shelf, TagCatalog catalog, CancellationToken ct)
    {
        var v = new Validator();
        var day = v.Date(string.IsNullOrWhiteSpace(date) ? null : date, "date");
        var take = Paging.Limit(v, limit, PageSize.Memos);
        var notebook = ParseOrder(v, order);
        var legacy = order is null;
        PageCursor? after = null;
        NotebookCursor? position = null;
        if (legacy)
        {
            after = PageCursor.Decode(v, cursor, MemoStore.MemoCursorKind, numericKey: true);
        }
        else
        {
            position = NotebookCursor.Decode(v, cursor, notebook == NotebookOrder.Page ? MemoStore.PageCursorKind : MemoStore.NewestCursorKind);
        }

        v.ThrowIfInvalid();
        var tagIds = tag is null ? null : await FilterIdsAsync(catalog, user.Id, tag, "tag", ct);
        _ = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var (from, to) = day is { } d ? WireTime.DayRange(d, user.TimeZone) : (long.MinValue, long.MaxValue);
        var page = legacy
            ? await memos.ListAsync(user.Id, userBookId, from, to, after, take, ct, tagIds)
            : await memos.NotebookAsync(user.Id, userBookId, from, to, notebook, tagIds, position, take, ct);
        return Paging.Ok(page.Map(m => m.ToResponse(user.TimeZone)));
    }

    /// <summary>The tag page: every live memo of the user that carries the tag, across days and books, newest first.</summary>
    public static async Task<Ok<ApiPage<IReadOnlyList<MemoResponse>>>> ForTag(
        string code, int? limit, string? cursor, CurrentUser user, MemoStore memos, TagCatalog catalog, CancellationToken ct)
    {
        var v = new Validator();
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = NotebookCursor.Decode(v, cursor, MemoStore.TagPageCursorKind);
        v.ThrowIfInvalid();
        var tagIds = await FilterIdsAsync(catalog, user.Id, code, "code", ct);
        var page = await memos.WithTagAsync(user.Id, tagIds, after, take, ct);
        return Paging.Ok(page.Map(m => m.ToResponse(user.TimeZone)));
    }

    private static NotebookOrder ParseOrder(Validator v, string? order)
    {
        switch (order)
        {
            case null or "date":
                return NotebookOrder.Date;
            case "page":
                return NotebookOrder.Page;
            default:
                v.Add("order", "허용되는 값: date, page", "Allowed values: date, page");
                return NotebookOrder.Date;
        }
    }

    /// <summary>The tag ids a filter matches; an unknown, deleted or foreign code is 400 naming <paramref name="field"/>.</summary>
    private static async Task<IReadOnlyList<long>> FilterIdsAsync(TagCatalog catalog, long userId, string code, string field, CancellationToken ct)
    {
        var ids = await catalog.FilterIdsAsync(userId, code.Trim(), ct);
        if (ids.Count == 0)
        {
            new Validator().Add(field, "알 수 없는 태그입니다.", "Unknown tag.").ThrowIfInvalid();
        }

        return ids;
    }

    /// <summary>Entries with memos in the last N months, latest memo first, with that memo's real time (the earlier system always answered null).</summary>
    public static async Task<Ok<ApiPage<IReadOnlyList<RecentBookResponse>>>> RecentBooks(
        int? months, int? limit, string? cursor, CurrentUser user, MemoStore memos, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Range(months, 1, 120, "months");
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = PageCursor.Decode(v, cursor, MemoStore.RecentBookCursorKind, numericKey: true);
        v.ThrowIfInvalid();
        var since = TimeZoneInfo.ConvertTime(time.GetUtcNow(), user.TimeZone).AddMonths(-(months ?? 1)).ToUnixTimeMilliseconds();
        var page = await memos.RecentBooksAsync(user.Id, since, after, take, ct);
        return Paging.Ok(page.Map(r => new RecentBookResponse(
            r.Id, r.Title, r.Author, r.Isbn, Enum.Parse<BookCategory>(r.Category), r.ReadingProgress, WireTime.ToWire(r.LastMemoTime, user.TimeZone))));
    }

    /// <summary>The local days of a month that have memos, for the calendar.</summary>
    public static async Task<Ok<ApiResponse<IReadOnlyList<string>>>> Dates(
        int? year, int? month, CurrentUser user, MemoStore memos, CancellationToken ct)
    {
        new Validator().Required(year, "year").Required(month, "month").Year(year, "year").Range(month, 1, 12, "month").ThrowIfInvalid();
        var first = new DateOnly(year!.Value, month!.Value, 1);
        var from = WireTime.StartOf(first, user.TimeZone);
        var to = WireTime.StartOf(first.AddMonths(1), user.TimeZone);
        var times = await memos.StartTimesAsync(user.Id, from, to, ct);
        IReadOnlyList<string> days = [.. times.Select(t => WireTime.LocalDate(t, user.TimeZone)).Distinct().Order().Select(WireTime.ToWire)];
        return Envelope.Ok(days);
    }
}
