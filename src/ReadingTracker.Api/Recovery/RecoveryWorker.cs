using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Recovery;

/// <summary>
/// A thin loop around <see cref="RecoveryPass"/>: the outbox left by a server that died mid-write is replayed at
/// start-up and as soon as each entry outlives its grace period; the full pass runs every Recovery:IntervalSeconds.
/// </summary>
public sealed partial class RecoveryWorker(RecoveryPass pass, IOptions<RecoveryOptions> options, TimeProvider time, ILogger<RecoveryWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        var nextFullPass = time.GetUtcNow() + interval;
        var outboxDue = await ReplayOutboxAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = outboxDue is { } due && due < nextFullPass ? due : nextFullPass;
            var wait = wake - time.GetUtcNow();
            try
            {
                await Task.Delay(wait > MinimumWait ? wait : MinimumWait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (time.GetUtcNow() >= nextFullPass)
            {
                nextFullPass = time.GetUtcNow() + interval;
                await RunGuardedAsync(() => pass.RunOnceAsync(stoppingToken), stoppingToken);
            }

            outboxDue = await ReplayOutboxAsync(stoppingToken);
        }
    }

    private async Task<DateTimeOffset?> ReplayOutboxAsync(CancellationToken stoppingToken)
    {
        OutboxReplayResult? result = null;
        await RunGuardedAsync(async () => result = await pass.ReplayOutboxAsync(stoppingToken), stoppingToken);
        // An unreachable Primary or a failed replay is tried again on the next full pass.
        return result is { Failed: 0 } ? result.NextDueAt : null;
    }

    private async Task RunGuardedAsync(Func<Task> run, CancellationToken stoppingToken)
    {
        try
        {
            await run();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The journal or Primary was unreachable; the next wake tries again.
            LogPassFailed(logger, ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1403, EventName = "RecoveryPassFailed", Level = LogLevel.Error, Message = "Recovery pass failed: {Error}")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string error);
}
