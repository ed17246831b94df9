using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Stats;

/// <summary>GET /stats?year=: a year of the reader's reading, read only (docs/contract.md, "Statistics").</summary>
public static class StatsApi
{
    public static IHostApplicationBuilder AddStats(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StatsStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stats", GetStats).WithTags("Stats").RequireAuthorization().WithErrorResponses();
        return routes;
    }

    /// <summary>
    /// The year defaults to the reader's current one. A year is the range from local midnight of 1 January to the
    /// next; a future year is simply empty. Pages read come from the progress history; before the reader's first
    /// history row they come from memos' pages alone (<see cref="MemoPages"/>).
    /// </summary>
    public static async Task<Ok<ApiResponse<StatsResponse>>> GetStats(
        int? year, CurrentUser user, StatsStore stats, TimeProvider time, CancellationToken ct)
    {
        new Validator().Year(year, "year").ThrowIfInvalid();
        var zone = user.TimeZone;
        var today = WireTime.Today(time, zone);
        var y = year ?? today.Year;
        var from = WireTime.StartOf(new DateOnly(y, 1, 1), zone);
        var to = WireTime.StartOf(new DateOnly(y, 12, 31).AddDays(1), zone);
        var (firstMemo, historySince) = await stats.BeginningsAsync(user.Id, ct);

        var rows = await stats.YearAsync(user.Id, y, from, to, historySince, new LocalDays(zone, from, to), ct);
        var endOfToday = WireTime.StartOf(today.AddDays(1), zone);
        var earliest = Math.Min(firstMemo ?? endOfToday, historySince ?? endOfToday);
        var readingDays = earliest >= endOfToday ? [] :
            await stats.ReadingDaysAsync(user.Id, endOfToday, new LocalDays(zone, earliest, endOfToday), ct);

        var byMonth = new int[12];
        foreach (var date in rows.FinishedDates)
        {
            byMonth[DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).Month - 1]++;
        }

        var pages = new SortedDictionary<long, long>(rows.MemoEraPagesByDay.ToDictionary());
        foreach (var (day, count) in rows.PagesByDay.Where(p => p.Pages > 0))
        {
            pages[day] = pages.GetValueOrDefault(day) + count;
        }

        var memos = rows.MemosByDay.OrderBy(m => m.Day).ToList();
        var yearDays = memos.Select(m => m.Day).Union(pages.Keys).Count();
        var response = new StatsResponse(
            y,
            zone.Id,
            WireTime.ToWire(today),
            WireTime.ToWire(historySince, zone),
            new StatsTotals(byMonth.Sum(), pages.Values.Sum(), memos.Sum(m => m.Count), yearDays),
            byMonth,
            [.. pages.Select(p => new DayPages(Date(p.Key), p.Value))],
            [.. memos.Select(m => new DayMemos(Date(m.Day), m.Count))],
            StreakCounter.Count(readingDays.Select(LocalDays.ToDate), today),
            [.. rows.Tags.Select(t => new TagUse(t.Code, Enum.Parse<TagCategory>(t.Category), t.OwnerUserId is null, t.Name, t.Uses))]);
        return Envelope.Ok(response);
    }

    private static string Date(long day) => WireTime.ToWire(LocalDays.ToDate(day));
}
