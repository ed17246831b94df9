using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Idempotency;

/// <summary>
/// Keys in the masters (embedded default, no Redis), written through the one write path. The claim is
/// atomic through the unique key on key_hash: of two concurrent inserts exactly one wins.
/// </summary>
public sealed class DatabaseIdempotencyStore(
    FailoverReader reader, DualWriter writer, IdGenerator ids, TimeProvider time, IOptions<IdempotencyOptions> options) : IIdempotencyStore
{
    public async Task<ClaimResult> TryClaimAsync(string keyHash, string fingerprint, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var existing = await FindAsync(keyHash, ct);
        if (existing is not null && existing.ExpiresAt > now && !(existing.State == "in_flight" && existing.LockedUntil <= now))
        {
            return ToResult(existing);
        }

        var lockedUntil = now + (long)options.Value.InFlightLease.TotalMilliseconds;
        var expiresAt = now + (long)options.Value.KeyLifetime.TotalMilliseconds;
        try
        {
            // An expired key or an abandoned claim (its request died) is taken over in place.
            await writer.WriteAsync(new WriteBatch().Add(existing is null
                ? IdempotencyKeysTable.Claim(ids.NextId(), keyHash, fingerprint, lockedUntil, expiresAt, now)
                : IdempotencyKeysTable.TakeOver(existing.Id, keyHash, fingerprint, lockedUntil, expiresAt, now)), ct);

            return new ClaimResult(ClaimState.Claimed, fingerprint, null);
        }
        catch (UniqueViolationException)
        {
            return await FindAsync(keyHash, ct) is { } winner ? ToResult(winner) : new ClaimResult(ClaimState.InFlight, fingerprint, null);
        }
        catch (DatabaseUnavailableException ex)
        {
            throw new IdempotencyStoreUnavailableException("The masters are unavailable.", ex);
        }
    }

    public async Task CompleteAsync(string keyHash, string fingerprint, StoredResponse response, CancellationToken ct)
    {
        if (await FindAsync(keyHash, ct) is { } row)
        {
            await writer.WriteAsync(new WriteBatch().Add(IdempotencyKeysTable.Complete(row.Id, response)), ct);
        }
    }

    public async Task ReleaseAsync(string keyHash, CancellationToken ct)
    {
        if (await FindAsync(keyHash, ct) is { } row)
        {
            await writer.WriteAsync(new WriteBatch().Add(IdempotencyKeysTable.Delete(row.Id)), ct);
        }
    }

    private async Task<KeyRow?> FindAsync(string keyHash, CancellationToken ct)
    {
        try
        {
            return await reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
                "SELECT * FROM idempotency_keys WHERE key_hash = @keyHash", new { keyHash }, cancellationToken: ct)), ct);
        }
        catch (DatabaseUnavailableException ex)
        {
            throw new IdempotencyStoreUnavailableException("The masters are unavailable.", ex);
        }
    }

    private static ClaimResult ToResult(KeyRow row) => row.State == "completed"
        ? new ClaimResult(ClaimState.Completed, row.Fingerprint, new StoredResponse(row.StatusCode ?? 200, row.ContentType, row.Body ?? ""))
        : new ClaimResult(ClaimState.InFlight, row.Fingerprint, null);

    private sealed class KeyRow
    {
        public long Id { get; init; }

        public string Fingerprint { get; init; } = "";

        public string State { get; init; } = "";

        public int? StatusCode { get; init; }

        public string? ContentType { get; init; }

        public string? Body { get; init; }

        public long LockedUntil { get; init; }

        public long ExpiresAt { get; init; }
    }
}
