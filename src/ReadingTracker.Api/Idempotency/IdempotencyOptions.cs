using System.ComponentModel.DataAnnotations;

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
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a claim is held by a request still running; a crashed request frees its key after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan InFlightLease { get; set; } = TimeSpan.FromMinutes(2);

    [EnumDataType(typeof(StoreUnavailablePolicy), ErrorMessage = "The field {0} must be Proceed or Reject.")]
    public StoreUnavailablePolicy WhenStoreUnavailable { get; set; } = StoreUnavailablePolicy.Proceed;
}
