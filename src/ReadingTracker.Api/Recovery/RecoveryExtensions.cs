using ReadingTracker.Api.Persistence;
using StackExchange.Redis;

namespace ReadingTracker.Api.Recovery;

public static class RecoveryExtensions
{
    public static IHostApplicationBuilder AddRecovery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RecoveryOptions>("Recovery");
        builder.Services.AddValidatedOptions<AlertOptions>("Alerts");
        builder.Services.AddHttpClient(nameof(AlertSender));
        builder.Services.AddSingleton<AlertSender>();
        builder.Services.AddSingleton<RecoveryPass>();
        builder.Services.AddHostedService<RecoveryWorker>();
        if (PersistenceExtensions.RedisConnectionString(builder.Configuration) is null)
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
