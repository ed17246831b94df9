namespace ReadingTracker.Api.Books;

public static class BookSearchApi
{
    public static IHostApplicationBuilder AddBookSearch(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapBookSearch(this IEndpointRouteBuilder routes) => routes;
}
