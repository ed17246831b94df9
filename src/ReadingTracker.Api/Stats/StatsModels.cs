using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Stats;

/// <summary>
/// GET /stats: one calendar year of the reader's reading, in the reader's time zone (docs/contract.md, "Statistics").
/// Day lists hold only the days with something in them, oldest first; the streaks look at every year up to today.
/// </summary>
public sealed record StatsResponse(
    int Year,
    string TimeZone,
    string Today,
    string? ProgressHistorySince,
    StatsTotals Totals,
    IReadOnlyList<int> BooksFinishedByMonth,
    IReadOnlyList<DayPages> PagesByDay,
    IReadOnlyList<DayMemos> MemosByDay,
    ReadingStreaks Streaks,
    IReadOnlyList<TagUse> TopTags);

public sealed record StatsTotals(int BooksFinished, long PagesRead, long Memos, int ReadingDays);

public sealed record DayPages(string Date, long Pages);

public sealed record DayMemos(string Date, long Count);

/// <summary>
/// Consecutive reading days. <c>current</c> ends today, or yesterday while today has nothing yet (the streak is not
/// broken before the day is over); 0 when neither day is a reading day.
/// </summary>
public sealed record ReadingStreaks(int Current, string? CurrentFrom, int Longest, string? LongestFrom, string? LongestTo);

/// <summary>A tag and how many of the year's memos carry it; <c>name</c> is the reader's own tag's name, null for a built-in.</summary>
public sealed record TagUse(string Code, TagCategory Category, bool BuiltIn, string? Name, long Count);
