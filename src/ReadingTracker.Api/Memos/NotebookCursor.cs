using System.Globalization;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Memos;

/// <summary>How a book's notebook is ordered: newest first, or by page ascending then time (docs/contract.md §3.5).</summary>
public enum NotebookOrder
{
    Date,
    Page,
}

/// <summary>
/// A position in a notebook or a tag page: the last memo shown, by (page, time, id). Opaque on the wire like every
/// cursor (<see cref="PageCursor"/>): its key is "page:time", and a cursor of one order is refused by another.
/// </summary>
public sealed record NotebookCursor(int Page, long Time, long Id)
{
    public static PageCursor Of(char kind, MemoRow row) =>
        new(kind, string.Create(CultureInfo.InvariantCulture, $"{row.PageNumber}:{row.MemoStartTime}"), row.Id);

    /// <summary>The position, or null after recording a field error on <c>cursor</c> for anything the server did not issue.</summary>
    public static NotebookCursor? Decode(Validator v, string? text, char kind)
    {
        var cursor = PageCursor.Decode(v, text, kind, numericKey: false);
        if (cursor is null)
        {
            return null;
        }

        var parts = cursor.Key.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time))
        {
            return new NotebookCursor(page, time, cursor.Id);
        }

        // Well-formed but not ours: refused as PageCursor refuses any other cursor.
        PageCursor.Decode(v, "", kind, numericKey: false);
        return null;
    }
}
