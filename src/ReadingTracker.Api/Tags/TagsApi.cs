namespace ReadingTracker.Api.Tags;

public static class TagsApi
{
    public static IHostApplicationBuilder AddTags(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder routes) => routes;
}
