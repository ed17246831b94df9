namespace ReadingTracker.Api.Users;

public static class UsersApi
{
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder routes) => routes;
}
