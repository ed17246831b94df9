namespace ReadingTracker.Api.Memos;

public static class MemosApi
{
    public static IHostApplicationBuilder AddMemos(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapMemos(this IEndpointRouteBuilder routes) => routes;
}
