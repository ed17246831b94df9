using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos.Search;

/// <summary>
/// Memos written before the search index existed (migration 0018) get their memo_search row through the write path,
/// a page at a time, so both masters (or the cluster) get it as they get any write. New memos are indexed by their own
/// create; this pass only ever finds old ones, and finds none once it has run.
/// </summary>
public sealed partial class MemoSearchBackfill(FailoverReader reader, DualWriter writer, ILogger<MemoSearchBackfill> logger)
{
    public const int PageSize = 200;

    /// <summary>Clashes with another instance's pass tolerated before this one leaves the rest to the next start.</summary>
    private const int MaxConflicts = 5;

    /// <summary>Indexes every memo without a search row; returns how many it indexed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var (total, conflicts) = (0, 0);
        while (true)
        {
            var rows = (await reader.ReadAsync(c => c.QueryAsync<MemoRow>(new CommandDefinition(
                "SELECT m.id, m.user_id, m.content FROM memo m LEFT JOIN memo_search s ON s.id = m.id WHERE s.id IS NULL ORDER BY m.id LIMIT @take",
                new { take = PageSize }, cancellationToken: ct)), ct)).AsList();
            if (rows.Count == 0)
            {
                break;
            }

            var batch = new WriteBatch();
            foreach (var row in rows)
            {
                batch.Add(MemoSearchTable.Insert(row));
            }

            try
            {
                await writer.WriteAsync(batch, ct);
            }
            catch (UniqueViolationException) when (++conflicts <= MaxConflicts)
            {
                // Another instance indexed some of these at the same moment: the next read skips what it wrote.
                continue;
            }

            total += rows.Count;
        }

        if (total > 0)
        {
            LogBackfilled(logger, total);
        }

        return total;
    }

    [LoggerMessage(EventId = 1961, EventName = "MemoSearchBackfilled", Level = LogLevel.Information, Message = "Indexed {Count} memos written before memo search")]
    private static partial void LogBackfilled(ILogger logger, int count);
}

/// <summary>Runs the backfill once, shortly after start-up, off the request path; a failure is retried at the next start.</summary>
public sealed partial class MemoSearchBackfillWorker(MemoSearchBackfill backfill, ILogger<MemoSearchBackfillWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await backfill.RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogBackfillFailed(logger, ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1962, EventName = "MemoSearchBackfillFailed", Level = LogLevel.Warning, Message = "Memo search backfill failed, to be tried at the next start: {Error}")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception, string error);
}
