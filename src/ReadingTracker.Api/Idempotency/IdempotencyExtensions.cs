using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>Redis when it is configured (<see cref="PersistenceExtensions.RedisConnectionString"/>), else the masters.</summary>
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<IdempotencyOptions>("Idempotency");
        if (PersistenceExtensions.RedisConnectionString(builder.Configuration) is null)
        {
            builder.Services.AddSingleton<IIdempotencyStore, DatabaseIdempotencyStore>();
            return builder;
        }

        builder.Services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
        return builder;
    }

    public static WebApplication UseIdempotency(this WebApplication app)
    {
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
