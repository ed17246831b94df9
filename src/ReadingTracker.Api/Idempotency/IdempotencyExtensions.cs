
namespace ReadingTracker.Api.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>Redis when "ConnectionStrings:Redis" is set (one shared multiplexer), else the masters.</summary>
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency");
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
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
