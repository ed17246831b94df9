using ReadingTracker.Api.Persistence;
using StackExchange.Redis;

namespace ReadingTracker.Api.Recovery;

public static class RecoveryExtensions
{
    public static IHostApplicationBuilder AddRecovery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecoveryOptions>().BindConfiguration("Recovery");
        builder.Services.AddOptions<AlertOptions>().BindConfiguration("Alerts");
        builder.Services.AddHttpClient(nameof(AlertSender));
        builder.Services.AddSingleton<AlertSender>();
        builder.Services.AddSingleton<RecoveryPass>();
        builder.Services.AddHostedService<RecoveryWorker>();
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<IRecoveryJournal, FileRecoveryJournal>();
        }
        else
        {
            builder.Services.AddSingleton<IRecoveryJournal>(sp => new RedisRecoveryJournal(sp.GetRequiredService<IConnectionMultiplexer>()));
        }

        return builder;
    }
}
