namespace ReadingTracker.Api.Housekeeping;

public static class HousekeepingExtensions
{
    /// <summary>28 days: a timer period must stay under 2^32 ms.</summary>
    private const int MaxIntervalMinutes = 28 * 24 * 60;

    public static IHostApplicationBuilder AddHousekeeping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HousekeepingOptions>().BindConfiguration("Housekeeping")
            .Validate(o => o.IntervalMinutes is > 0 and <= MaxIntervalMinutes && o.KeepExpiredTokensDays >= 0 && o.BatchSize > 0,
                $"Housekeeping needs IntervalMinutes from 1 to {MaxIntervalMinutes}, KeepExpiredTokensDays >= 0 and BatchSize > 0.")
            .ValidateOnStart();
        builder.Services.AddSingleton<HousekeepingPass>();
        builder.Services.AddHostedService<HousekeepingWorker>();
        return builder;
    }
}
