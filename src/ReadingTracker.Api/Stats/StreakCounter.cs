namespace ReadingTracker.Api.Stats;

/// <summary>Current and longest runs of consecutive reading days.</summary>
public static class StreakCounter
{
    public static ReadingStreaks Count(IEnumerable<DateOnly> readingDays, DateOnly today)
    {
        var days = readingDays.Where(d => d <= today).Distinct().Order().ToList();
        var (longest, longestFrom, longestTo) = (0, (DateOnly?)null, (DateOnly?)null);
        var runStart = 0;
        for (var i = 0; i < days.Count; i++)
        {
            if (i > 0 && days[i - 1].AddDays(1) != days[i])
            {
                runStart = i;
            }

            if (i - runStart + 1 > longest)
            {
                (longest, longestFrom, longestTo) = (i - runStart + 1, days[runStart], days[i]);
            }
        }

        var (current, currentFrom) = (0, (DateOnly?)null);
        if (days.Count > 0 && days[^1] >= today.AddDays(-1))
        {
            var start = days.Count - 1;
            while (start > 0 && days[start - 1].AddDays(1) == days[start])
            {
                start--;
            }

            (current, currentFrom) = (days.Count - start, days[start]);
        }

        return new ReadingStreaks(current, Wire(currentFrom), longest, Wire(longestFrom), Wire(longestTo));
    }

    private static string? Wire(DateOnly? date) => date is { } d ? Http.WireTime.ToWire(d) : null;
}
