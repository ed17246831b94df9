namespace ReadingTracker.Api.Shelf;

public static class ShelfApi
{
    public static IHostApplicationBuilder AddShelf(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapShelf(this IEndpointRouteBuilder routes) => routes;
}
