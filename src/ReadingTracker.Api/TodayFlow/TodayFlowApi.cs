namespace ReadingTracker.Api.TodayFlow;

public static class TodayFlowApi
{
    public static IHostApplicationBuilder AddTodayFlow(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTodayFlow(this IEndpointRouteBuilder routes) => routes;
}
