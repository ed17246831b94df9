using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ReadingTracker.Api.Http;

/// <summary>
/// A paged answer: the earlier system's envelope plus <c>nextCursor</c> (null on the last page). The cursor
/// sits beside <c>data</c> rather than in it, so a list that was a bare array stays one for the earlier client.
/// </summary>
public sealed record ApiPage<T>(bool Ok, T Data, string? NextCursor);

/// <summary>How many items a list answers at most, and for the memo lists how many more.</summary>
public sealed record PageSize(int Default, int Max)
{
    /// <summary>Memo lists: a page must hold a day of normal reading for a client that sends no paging parameters.</summary>
    public static readonly PageSize Memos = new(200, 500);

    /// <summary>Every other list that grows without bound (recent books, devices, history, shelf).</summary>
    public static readonly PageSize Lists = new(50, 200);
}

/// <summary>One page of rows and the cursor of the next one (null when this is the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>
    /// The store reads one row more than the limit: its presence, not a count, says a next page exists, and
    /// the next cursor is the key of the last row shown.
    /// </summary>
    public static Page<T> From(IReadOnlyList<T> rows, int limit, Func<T, PageCursor> keyOf) =>
        rows.Count > limit ? new([.. rows.Take(limit)], keyOf(rows[limit - 1]).Encode()) : new(rows, null);

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], NextCursor);
}

/// <summary>
/// A position in a list ordered by (<see cref="Key"/>, <see cref="Id"/>): the last row of the previous page.
/// On the wire it is opaque — base64url of "kind|key|id" — so clients cannot come to rely on its inside;
/// the kind keeps a cursor of one list from being taken by another.
/// </summary>
public sealed record PageCursor(char Kind, string Key, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{Kind}|{Key}|{Id}")));

    public long NumericKey => long.Parse(Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>
    /// The cursor, or null after recording a field error: anything but what <see cref="Encode"/> made for this
    /// kind is refused, so a hand-edited cursor is a 400 and never reaches a query.
    /// </summary>
    public static PageCursor? Decode(Validator v, string? text, char kind, bool numericKey)
    {
        if (text is null)
        {
            return null;
        }

        var cursor = TryDecode(text, kind, numericKey);
        if (cursor is null)
        {
            v.Add("cursor", "목록 위치(cursor)가 올바르지 않습니다. 이전 응답의 nextCursor를 그대로 보내주세요.",
                "Not a cursor of this list. Send the nextCursor of the previous answer as it was.");
        }

        return cursor;
    }

    private static PageCursor? TryDecode(string text, char kind, bool numericKey)
    {
        if (text.Length is 0 or > 4096 || !Base64Url.IsValid(text))
        {
            return null;
        }

        string plain;
        try
        {
            plain = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null;
        }

        var first = plain.IndexOf('|', StringComparison.Ordinal);
        var last = plain.LastIndexOf('|');
        if (first != 1 || last <= first || plain[0] != kind
            || !long.TryParse(plain.AsSpan(last + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var key = plain[(first + 1)..last];
        if (numericKey && !long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        var cursor = new PageCursor(kind, key, id);
        // Only the canonical form: no padding, no second spelling of the same position.
        return cursor.Encode() == text ? cursor : null;
    }
}

/// <summary>The paging parameters of one request, validated with its other parameters.</summary>
public static class Paging
{
    /// <summary>The page size to read: the default when absent, a field error when out of range.</summary>
    public static int Limit(Validator v, int? limit, PageSize size)
    {
        v.Range(limit, 1, size.Max, "limit");
        return limit is { } l && l >= 1 && l <= size.Max ? l : size.Default;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.Ok<ApiPage<IReadOnlyList<T>>> Ok<T>(Page<T> page) =>
        TypedResults.Ok(new ApiPage<IReadOnlyList<T>>(true, page.Items, page.NextCursor));
}
