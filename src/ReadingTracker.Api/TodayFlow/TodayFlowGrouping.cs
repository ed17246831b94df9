using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.TodayFlow;

/// <summary>The pure grouping of one day's memos (docs/contract.md §5.5), given in time order.</summary>
public static class TodayFlowGrouping
{
    public static TodayFlowResponse Build(string date, FlowSortBy sortBy, TagCategory tagCategory, IReadOnlyList<Memo> memos, TimeZoneInfo zone)
    {
        var ordered = memos.OrderBy(m => m.Row.MemoStartTime).ThenBy(m => m.Row.Id)
            .Select(m => (Memo: m, Response: m.ToResponse(zone))).ToList();
        if (sortBy == FlowSortBy.TAG)
        {
            var byTag = ByTag(ordered, tagCategory);
            return new TodayFlowResponse(date, sortBy, null, byTag, byTag.Values.Sum(g => g.MemoCount), null);
        }

        var byBook = ByBook(ordered.Select(x => x.Response));
        var sessions = sortBy == FlowSortBy.SESSION ? Sessions(ordered.Select(x => x.Response)) : null;
        return new TodayFlowResponse(date, sortBy, byBook, null, byBook.Values.Sum(g => g.MemoCount), sessions);
    }

    /// <summary>
    /// The one tag a memo is filed under: its lowest-sort-order tag of the chosen category, else of the
    /// other category, else `etc`. Returns the code, and its sort order and category for ordering the groups.
    /// </summary>
    public static (string Code, int SortOrder, bool OtherCategory) Representative(Memo memo, TagCategory category)
    {
        var chosen = category.ToString();
        var own = memo.Tags.Where(t => t.Category == chosen).MinBy(t => t.SortOrder);
        var tag = own ?? memo.Tags.Where(t => t.Category != chosen).MinBy(t => t.SortOrder);
        return tag is null ? (TagRow.EtcCode, int.MaxValue, false) : (tag.Code, tag.SortOrder, own is null);
    }

    /// <summary>Book groups keyed by userBookId, in the order of each book's first memo.</summary>
    private static OrderedDictionary<string, BookGroup> ByBook(IEnumerable<MemoResponse> memos)
    {
        var groups = new OrderedDictionary<string, BookGroup>();
        foreach (var book in memos.GroupBy(m => m.UserBookId))
        {
            var list = book.ToList();
            groups.Add(book.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new BookGroup(book.Key, list[0].BookTitle, list[0].BookIsbn, list, list.Count));
        }

        return groups;
    }

    /// <summary>
    /// Tag groups by representative sort order (on a tie the chosen category first), `etc` last; within
    /// each, book groups as in BOOK mode.
    /// </summary>
    private static OrderedDictionary<string, TagGroup> ByTag(List<(Memo Memo, MemoResponse Response)> memos, TagCategory category)
    {
        var filed = memos.Select(x => (Tag: Representative(x.Memo, category), x.Response)).ToList();
        var groups = new OrderedDictionary<string, TagGroup>();
        foreach (var tag in filed.GroupBy(x => x.Tag.Code)
            .OrderBy(g => g.Key == TagRow.EtcCode)
            .ThenBy(g => g.Min(x => x.Tag.SortOrder))
            .ThenBy(g => g.All(x => x.Tag.OtherCategory))
            .ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var byBook = ByBook(tag.Select(x => x.Response));
            groups.Add(tag.Key, new TagGroup(tag.Key, byBook.Values.Sum(b => b.MemoCount), byBook));
        }

        return groups;
    }

    /// <summary>Splits the time line wherever the book changes.</summary>
    private static List<FlowSession> Sessions(IEnumerable<MemoResponse> memos)
    {
        var sessions = new List<FlowSession>();
        List<MemoResponse>? current = null;
        foreach (var memo in memos)
        {
            if (current is null || current[0].UserBookId != memo.UserBookId)
            {
                current = [];
                sessions.Add(new FlowSession(memo.UserBookId, memo.BookTitle, current));
            }

            current.Add(memo);
        }

        return sessions;
    }
}
