namespace ReadingTracker.Api.Shelf;

public static class ShelfApi
{
    public static IHostApplicationBuilder AddShelf(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ShelfStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapShelf(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/user/books").WithTags("Shelf").RequireAuthorization();
        group.MapPost("/", AddToShelf.Handle);
        return routes;
    }
}
