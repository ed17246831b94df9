using System.Threading.Channels;
using Dapper;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Outbox entries whose batch both masters hold, deleted off the request path: one <c>DELETE … WHERE id IN</c> for all
/// that settled while the previous one ran, instead of a round trip per write (ADR-010). An entry waits here for
/// milliseconds; while it does it still reads as "in flight" — a retry's <see cref="DualWriter.ConfirmOnBothAsync"/>
/// waits for it, and a replay after a crash copies rows both masters already hold, which is harmless (ADR-006).
/// </summary>
public sealed partial class SettledOutbox(Masters masters, ILogger<SettledOutbox> logger) : BackgroundService
{
    /// <summary>At most this many ids in one DELETE; more wait for the next.</summary>
    public const int MaxPerDelete = 500;

    private readonly Channel<long> _settled = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(long outboxId) => _settled.Writer.TryWrite(outboxId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _settled.Reader.WaitToReadAsync(stoppingToken))
            {
                await DeleteWaitingAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A graceful stop clears what settled last; a crash leaves it to the replay.
        await DeleteWaitingAsync(cancellationToken);
    }

    private async Task DeleteWaitingAsync(CancellationToken ct)
    {
        var ids = new List<long>();
        while (ids.Count < MaxPerDelete && _settled.Reader.TryRead(out var id))
        {
            ids.Add(id);
        }

        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await masters.Primary.UseAsync(connection => connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM write_outbox WHERE id IN @ids", new { ids }, cancellationToken: ct)), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogNotCleared(logger, ex, ids.Count, ids[0], ex.Message);
        }
    }

    [LoggerMessage(EventId = 1008, EventName = "OutboxEntryNotCleared", Level = LogLevel.Warning,
        Message = "{Count} settled outbox entries (first {OutboxId}) could not be cleared; their replay will find nothing to change: {Error}")]
    private static partial void LogNotCleared(ILogger logger, Exception exception, int count, long outboxId, string error);
}
