using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Housekeeping;

/// <summary>A thin loop around <see cref="HousekeepingPass.RunOnceAsync"/>, every Housekeeping:IntervalMinutes.</summary>
public sealed partial class HousekeepingWorker(
    HousekeepingPass pass, IOptions<HousekeepingOptions> options, TimeProvider time, ILogger<HousekeepingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pass.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A master was out of reach (a 503 for a request); what is left goes at the next tick.
                LogPassFailed(logger, ex, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1602, EventName = "HousekeepingPassFailed", Level = LogLevel.Warning, Message = "Housekeeping pass failed: {Error}")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string error);
}
