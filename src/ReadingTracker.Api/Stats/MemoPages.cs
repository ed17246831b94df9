namespace ReadingTracker.Api.Stats;

/// <summary>
/// Pages read before the progress history began, told by memos alone: a memo on a page past every earlier memo of the
/// same shelf entry means the pages up to it were read. A day's pages are, per entry, the rise of that entry's highest
/// memo page over its highest page before the day (0 when none), summed over entries.
/// </summary>
public static class MemoPages
{
    /// <param name="before">Per entry, the highest memo page before the first day counted.</param>
    /// <param name="days">Per entry and local day number, the day's highest memo page.</param>
    public static Dictionary<long, long> ByDay(
        IReadOnlyDictionary<long, long> before, IEnumerable<(long Entry, long Day, long MaxPage)> days)
    {
        var pages = new Dictionary<long, long>();
        foreach (var entry in days.GroupBy(d => d.Entry))
        {
            var high = before.GetValueOrDefault(entry.Key);
            foreach (var (_, day, maxPage) in entry.OrderBy(d => d.Day))
            {
                if (maxPage > high)
                {
                    pages[day] = pages.GetValueOrDefault(day) + (maxPage - high);
                    high = maxPage;
                }
            }
        }

        return pages;
    }
}
