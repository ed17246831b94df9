using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Recovery;

/// <summary>A thin loop around <see cref="RecoveryPass.RunOnceAsync"/>, every Recovery:IntervalSeconds.</summary>
public sealed partial class RecoveryWorker(RecoveryPass pass, IOptions<RecoveryOptions> options, TimeProvider time, ILogger<RecoveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pass.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The journal itself was unreachable; the next tick tries again.
                LogPassFailed(logger, ex, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1403, EventName = "RecoveryPassFailed", Level = LogLevel.Error, Message = "Recovery pass failed: {Error}")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string error);
}
