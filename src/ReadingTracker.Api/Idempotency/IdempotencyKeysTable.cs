using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Idempotency;

/// <summary>
/// The writes of idempotency_keys (keys kept in the masters): a claim inserts a key, or takes over an expired or
/// abandoned one in place; a finished request completes it with its response; a failed one releases it; housekeeping
/// purges expired keys.
/// </summary>
public static class IdempotencyKeysTable
{
    public static readonly Table Table = new("idempotency_keys");

    private static readonly Column<string> KeyHash = Table.Column<string>("key_hash");
    private static readonly Column<string> Fingerprint = Table.Column<string>("fingerprint");
    private static readonly Column<string> State = Table.Column<string>("state");
    private static readonly Column<int?> StatusCode = Table.Column<int?>("status_code");
    private static readonly Column<string?> ContentType = Table.Column<string?>("content_type");
    private static readonly Column<string?> Body = Table.Column<string?>("body");
    private static readonly Column<long> LockedUntil = Table.Column<long>("locked_until");
    private static readonly Column<long> ExpiresAt = Table.Column<long>("expires_at");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");

    /// <summary>A new claim of the key by a request now in flight.</summary>
    public static RowWrite Claim(long id, string keyHash, string fingerprint, long lockedUntil, long expiresAt, long now) =>
        Table.Insert([.. Claimed(keyHash, fingerprint, lockedUntil, expiresAt, now), Table.Id.Set(id)]);

    /// <summary>An expired key, or a claim whose request died, is claimed again in place.</summary>
    public static RowWrite TakeOver(long id, string keyHash, string fingerprint, long lockedUntil, long expiresAt, long now) =>
        Table.Update(id, Claimed(keyHash, fingerprint, lockedUntil, expiresAt, now));

    /// <summary>The request finished: its response is kept to be replayed.</summary>
    public static RowWrite Complete(long id, StoredResponse response) => Table.Update(
        id, State.Set("completed"), StatusCode.Set(response.StatusCode), ContentType.Set(response.ContentType), Body.Set(response.Body));

    /// <summary>Forgets the key (the request failed, or the key expired), so a retry runs again.</summary>
    public static RowWrite Delete(long id) => Table.Delete(id);

    private static ColumnValue[] Claimed(string keyHash, string fingerprint, long lockedUntil, long expiresAt, long now) =>
    [
        KeyHash.Set(keyHash), Fingerprint.Set(fingerprint), State.Set("in_flight"), StatusCode.Set(null), ContentType.Set(null),
        Body.Set(null), LockedUntil.Set(lockedUntil), ExpiresAt.Set(expiresAt), CreatedAt.Set(now),
    ];
}
