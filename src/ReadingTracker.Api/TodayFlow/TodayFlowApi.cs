using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.TodayFlow;

/// <summary>GET /today-flow: one local day of the user's memos, by session, book or tag (original-system.md §5.4).</summary>
public static class TodayFlowApi
{
    public static IHostApplicationBuilder AddTodayFlow(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTodayFlow(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/today-flow", GetTodayFlow).WithTags("TodayFlow").RequireAuthorization();
        return routes;
    }

    /// <summary>The day defaults to the user's today in the user's time zone, not the server's.</summary>
    public static async Task<Ok<ApiResponse<TodayFlowResponse>>> GetTodayFlow(
        string? date, FlowSortBy? sortBy, TagCategory? tagCategory, CurrentUser user, MemoStore memos, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Defined(sortBy, "sortBy").Defined(tagCategory, "tagCategory");
        var day = v.Date(string.IsNullOrWhiteSpace(date) ? null : date, "date") ?? WireTime.Today(time, user.TimeZone);
        v.ThrowIfInvalid();
        var (from, to) = WireTime.DayRange(day, user.TimeZone);
        var list = await memos.ListAsync(user.Id, null, from, to, ct);
        return Envelope.Ok(TodayFlowGrouping.Build(WireTime.ToWire(day), sortBy ?? FlowSortBy.SESSION, tagCategory ?? TagCategory.TYPE, list, user.TimeZone));
    }
}
