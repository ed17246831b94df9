namespace ReadingTracker.Api.Housekeeping;

public static class HousekeepingExtensions
{
    public static IHostApplicationBuilder AddHousekeeping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HousekeepingOptions>("Housekeeping");
        builder.Services.AddSingleton<HousekeepingPass>();
        builder.Services.AddHostedService<HousekeepingWorker>();
        return builder;
    }
}
