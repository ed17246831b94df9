using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ReadingTracker.Api.Idempotency;

/// <summary>
/// Keys in Redis. The claim is one Lua script — SET NX PX, or return what holds the key — so two
/// requests can never both believe they own it. An in-flight claim lives for the lease only; a
/// completed one for the key lifetime.
/// </summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    private const string ClaimScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
          return false
        end
        return redis.call('GET', KEYS[1])
        """;

    public async Task<ClaimResult> TryClaimAsync(string keyHash, string fingerprint, CancellationToken ct)
    {
        var claim = JsonSerializer.Serialize(new Entry("in_flight", fingerprint, null));
        var held = await Run(db => db.ScriptEvaluateAsync(ClaimScript, [Key(keyHash)], [claim, (long)options.Value.InFlightLease.TotalMilliseconds]));
        if (held.IsNull)
        {
            return new ClaimResult(ClaimState.Claimed, fingerprint, null);
        }

        var entry = JsonSerializer.Deserialize<Entry>((string)held!)!;
        return entry.State == "completed"
            ? new ClaimResult(ClaimState.Completed, entry.Fingerprint, entry.Response)
            : new ClaimResult(ClaimState.InFlight, entry.Fingerprint, null);
    }

    public Task CompleteAsync(string keyHash, string fingerprint, StoredResponse response, CancellationToken ct) =>
        Run(db => db.StringSetAsync(Key(keyHash), JsonSerializer.Serialize(new Entry("completed", fingerprint, response)), options.Value.KeyLifetime));

    public Task ReleaseAsync(string keyHash, CancellationToken ct) => Run(db => db.KeyDeleteAsync(Key(keyHash)));

    private static RedisKey Key(string keyHash) => "idempotency:" + keyHash;

    private async Task<T> Run<T>(Func<IDatabase, Task<T>> command)
    {
        try
        {
            return await command(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new IdempotencyStoreUnavailableException("Redis is unavailable: " + ex.Message, ex);
        }
    }

    private sealed record Entry(string State, string Fingerprint, StoredResponse? Response);
}
