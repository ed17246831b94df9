using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Idempotency;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Housekeeping;

/// <summary>What one pass purged, table by table; Skipped: another instance held the housekeeping lease.</summary>
public sealed record HousekeepingResult(IReadOnlyDictionary<string, int> Purged, bool Skipped = false)
{
    public int Total => Purged.Values.Sum();
}

/// <summary>
/// Purges rows that nothing can use any more, so the masters do not grow without end: idempotency keys past
/// their lifetime (an expired key is taken over anyway), and refresh and reset tokens expired for
/// <see cref="HousekeepingOptions.KeepExpiredTokensDays"/>. Every delete goes through the one write path, in
/// batches, so both masters lose the same rows or, with Secondary down, neither does.
/// Kept on purpose: memo and shelf tombstones (a late retry of a deleted memo's create must still meet
/// its clientId) and memo history (the losing side of every conflict).
/// </summary>
public sealed partial class HousekeepingPass(
    FailoverReader reader, DualWriter writer, Masters masters, Leases leases, TimeProvider time, IOptions<HousekeepingOptions> options,
    DatabaseMetrics metrics, ILogger<HousekeepingPass> logger)
{
    private const string Lease = "housekeeping";

    /// <summary>Of several server instances, the one that holds the "housekeeping" lease purges; the others skip the pass.</summary>
    public async Task<HousekeepingResult> RunOnceAsync(CancellationToken ct)
    {
        if (!await leases.TryAcquireAsync(masters.Primary, Lease, ct))
        {
            return new HousekeepingResult(new Dictionary<string, int>(StringComparer.Ordinal), Skipped: true);
        }

        try
        {
            return await PurgeAllAsync(ct);
        }
        finally
        {
            await leases.ReleaseAsync(masters.Primary, Lease);
        }
    }

    private async Task<HousekeepingResult> PurgeAllAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var tokensBefore = now - (long)TimeSpan.FromDays(options.Value.KeepExpiredTokensDays).TotalMilliseconds;
        var purged = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["idempotency_keys"] = await PurgeAsync(IdempotencyKeysTable.Table, now, ct),
            ["refresh_tokens"] = await PurgeAsync(RefreshTokensTable.Table, tokensBefore, ct),
            ["password_reset_tokens"] = await PurgeAsync(PasswordResetTokensTable.Table, tokensBefore, ct),
        };
        var result = new HousekeepingResult(purged);
        if (result.Total > 0)
        {
            LogPurged(logger, purged["idempotency_keys"], purged["refresh_tokens"], purged["password_reset_tokens"]);
        }

        return result;
    }

    private async Task<int> PurgeAsync(Table table, long expiredBefore, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var ids = (await reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
                $"SELECT id FROM {table.Name} WHERE expires_at < @expiredBefore ORDER BY expires_at, id LIMIT {options.Value.BatchSize}",
                new { expiredBefore }, cancellationToken: ct)), ct)).ToList();
            if (ids.Count == 0)
            {
                return total;
            }

            var batch = new WriteBatch();
            foreach (var id in ids)
            {
                batch.Add(table.Delete(id));
            }

            await writer.WriteAsync(batch, ct);
            metrics.Purged.Add(ids.Count, new KeyValuePair<string, object?>("table", table.Name));
            total += ids.Count;
        }
    }

    [LoggerMessage(EventId = 1601, EventName = "HousekeepingPurged", Level = LogLevel.Information,
        Message = "Housekeeping purged {IdempotencyKeys} idempotency keys, {RefreshTokens} refresh tokens, {ResetTokens} reset tokens")]
    private static partial void LogPurged(ILogger logger, int idempotencyKeys, int refreshTokens, int resetTokens);
}
