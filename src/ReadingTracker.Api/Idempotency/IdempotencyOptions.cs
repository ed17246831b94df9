namespace ReadingTracker.Api.Idempotency;

public enum StoreUnavailablePolicy
{
    /// <summary>Run the request without idempotency protection (memo creates stay unique by clientId).</summary>
    Proceed,

    /// <summary>Refuse the request with 503 until the key store is back.</summary>
    Reject,
}

/// <summary>Bound from "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a completed key replays its response (IETF draft / Stripe: at least 24 h).</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a claim is held by a request still running; a crashed request frees its key after this.</summary>
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(2);

    public StoreUnavailablePolicy WhenStoreUnavailable { get; set; } = StoreUnavailablePolicy.Proceed;
}
