using System.ComponentModel.DataAnnotations;

namespace ReadingTracker.Api.Recovery;

/// <summary>Bound from "Recovery".</summary>
public sealed class RecoveryOptions
{
    /// <summary>28 days: the worker's wait must stay under 2^32 ms.</summary>
    public const int MaxIntervalSeconds = 28 * 24 * 60 * 60;

    /// <summary>Seconds between two passes of the recovery worker.</summary>
    [Range(1, MaxIntervalSeconds)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Failed attempts after which an event is given up and a CRITICAL alert raised.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Age after which an outbox entry left on Primary is replayed. It must exceed the longest write (connect and
    /// command timeouts on both masters plus a compensation), so a replay never races a write still in flight.
    /// </summary>
    [Range(1, 86_400)]
    public int OutboxGraceSeconds { get; set; } = 60;
}

/// <summary>Bound from "Alerts".</summary>
public sealed class AlertOptions
{
    /// <summary>Optional: CRITICAL alerts are POSTed here as JSON.</summary>
    [HttpUrl]
    public string? WebhookUrl { get; set; }
}
