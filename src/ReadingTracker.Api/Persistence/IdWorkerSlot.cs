namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Claims this instance's worker number for <see cref="IdGenerator"/>: the first free "id-worker-N" lease of 32,
/// before the server takes requests, renewed while it runs. Two instances that made ids in the same millisecond
/// without it made the same id, and the second insert failed as a conflict (issue 15's fault test found it). A
/// dead instance's number is free again after <see cref="Lease"/>. With no number free, or no database at start-up,
/// the generator keeps its random number and the next renewal tries again.
/// </summary>
public sealed partial class IdWorkerSlot(IdGenerator ids, Masters masters, Leases leases, TimeProvider time, ILogger<IdWorkerSlot> logger)
    : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    private int? _claimed;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ClaimOrRenewAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RenewEvery, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await ClaimOrRenewAsync(stoppingToken);
        }
    }

    /// <summary>Renews the number held, or claims one; true when this instance holds one.</summary>
    public async Task<bool> ClaimOrRenewAsync(CancellationToken ct)
    {
        try
        {
            if (_claimed is { } held && await leases.TryAcquireAsync(masters.Primary, Name(held), ct, Lease))
            {
                return true;
            }

            _claimed = null;
            var start = Random.Shared.Next(IdGenerator.Workers);
            for (var i = 0; i < IdGenerator.Workers; i++)
            {
                var worker = (start + i) % IdGenerator.Workers;
                if (await leases.TryAcquireAsync(masters.Primary, Name(worker), ct, Lease))
                {
                    ids.UseWorker(worker);
                    _claimed = worker;
                    return true;
                }
            }

            LogNoneFree(logger, ids.Worker);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // No database, or one not migrated yet: a number is never worth a failed start.
            LogClaimFailed(logger, ids.Worker, ex.Message);
        }

        return false;
    }

    private static string Name(int worker) => $"id-worker-{worker}";

    [LoggerMessage(EventId = 1212, EventName = "IdWorkerNoneFree", Level = LogLevel.Warning,
        Message = "All id worker numbers are held by other instances; ids use the random worker {Worker} until one is free")]
    private static partial void LogNoneFree(ILogger logger, int worker);

    [LoggerMessage(EventId = 1213, EventName = "IdWorkerClaimFailed", Level = LogLevel.Warning,
        Message = "No id worker number could be claimed; ids use the random worker {Worker} until the next try: {Error}")]
    private static partial void LogClaimFailed(ILogger logger, int worker, string error);
}
