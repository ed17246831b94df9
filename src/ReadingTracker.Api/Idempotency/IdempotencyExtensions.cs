using Microsoft.Extensions.Options;
using StackExchange.Redis;

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

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var configuration = ConfigurationOptions.Parse(redis);
            // Never hang a request on a dead Redis: fail fast and let the policy decide.
            configuration.AbortOnConnectFail = false;
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
            configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 1000);
            configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 1000);
            return ConnectionMultiplexer.Connect(configuration);
        });
        builder.Services.AddSingleton<IIdempotencyStore, RedisIdempotencyStore>();
        return builder;
    }

    public static WebApplication UseIdempotency(this WebApplication app)
    {
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }
}
