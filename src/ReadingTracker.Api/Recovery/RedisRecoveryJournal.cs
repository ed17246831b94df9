using System.Text.Json;
using ReadingTracker.Api.Persistence;
using StackExchange.Redis;

namespace ReadingTracker.Api.Recovery;

/// <summary>Production journal: one hash field per event in Redis (run Redis with appendonly yes).</summary>
public sealed class RedisRecoveryJournal(IConnectionMultiplexer redis) : IRecoveryJournal
{
    private const string Key = "recovery:events";

    public Task RecordAsync(RecoveryEvent recoveryEvent, CancellationToken ct) =>
        UpdateAsync(new RecoveryEntry(recoveryEvent, RecoveryState.Open, 0, null, null), ct);

    public async Task UpdateAsync(RecoveryEntry entry, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        if (entry.State == RecoveryState.Done)
        {
            await db.HashDeleteAsync(Key, entry.Event.Id.ToString());
            return;
        }

        await db.HashSetAsync(Key, entry.Event.Id.ToString(), JsonSerializer.Serialize(entry));
    }

    public async Task<IReadOnlyList<RecoveryEntry>> ListAsync(CancellationToken ct)
    {
        var fields = await redis.GetDatabase().HashValuesAsync(Key);
        return fields.Select(v => JsonSerializer.Deserialize<RecoveryEntry>((string)v!)!).OrderBy(e => e.Event.CreatedAt).ToList();
    }
}
