namespace ReadingTracker.Api.Idempotency;

public sealed record StoredResponse(int StatusCode, string? ContentType, string Body);

public enum ClaimState
{
    /// <summary>This request owns the key now and must complete or release it.</summary>
    Claimed,

    /// <summary>Another request with this key is still running.</summary>
    InFlight,

    /// <summary>A request with this key finished; its response can be replayed.</summary>
    Completed,
}

public sealed record ClaimResult(ClaimState State, string Fingerprint, StoredResponse? Response);

/// <summary>Thrown by a store that cannot be reached; the middleware applies the configured policy.</summary>
public sealed class IdempotencyStoreUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Where idempotency keys live: Redis in production, the masters in the embedded default.</summary>
public interface IIdempotencyStore
{
    /// <summary>Atomically claim the key, or report who holds it (one round trip on Redis).</summary>
    Task<ClaimResult> TryClaimAsync(string keyHash, string fingerprint, CancellationToken ct);

    Task CompleteAsync(string keyHash, string fingerprint, StoredResponse response, CancellationToken ct);

    /// <summary>Forget the key, so that a retry runs again (after a 5xx).</summary>
    Task ReleaseAsync(string keyHash, CancellationToken ct);
}
