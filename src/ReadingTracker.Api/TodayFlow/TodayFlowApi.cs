using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.TodayFlow;

/// <summary>GET /today-flow: one local day of the user's memos, by session, book or tag (docs/contract.md §5.5).</summary>
public static class TodayFlowApi
{
    public static IHostApplicationBuilder AddTodayFlow(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTodayFlow(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/today-flow", GetTodayFlow).WithTags("TodayFlow").RequireAuthorization().WithErrorResponses();
        return routes;
    }

    /// <summary>
    /// The day defaults to the user's today in the user's time zone, not the server's. The day's memos are
    /// paged in time order before they are grouped, so each page groups its own memos and
    /// <c>nextCursor</c> leads to the rest of the day.
    /// </summary>
    public static async Task<Ok<ApiPage<TodayFlowResponse>>> GetTodayFlow(
        string? date, FlowSortBy? sortBy, TagCategory? tagCategory, int? limit, string? cursor,
        CurrentUser user, MemoStore memos, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Defined(sortBy, "sortBy").Defined(tagCategory, "tagCategory");
        var day = v.Date(string.IsNullOrWhiteSpace(date) ? null : date, "date") ?? WireTime.Today(time, user.TimeZone);
        var take = Paging.Limit(v, limit, PageSize.Memos);
        var after = PageCursor.Decode(v, cursor, MemoStore.MemoCursorKind, numericKey: true);
        v.ThrowIfInvalid();
        var (from, to) = WireTime.DayRange(day, user.TimeZone);
        var page = await memos.ListAsync(user.Id, null, from, to, after, take, ct);
        var flow = TodayFlowGrouping.Build(WireTime.ToWire(day), sortBy ?? FlowSortBy.SESSION, tagCategory ?? TagCategory.TYPE, page.Items, user.TimeZone);
        return TypedResults.Ok(new ApiPage<TodayFlowResponse>(true, flow, page.NextCursor));
    }
}
