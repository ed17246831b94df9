namespace ReadingTracker.Api.Recovery;

/// <summary>Bound from "Recovery".</summary>
public sealed class RecoveryOptions
{
    /// <summary>Seconds between two passes of the recovery worker.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Failed attempts after which an event is given up and a CRITICAL alert raised.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Age after which an outbox entry left on Primary is replayed. It must exceed the longest write (connect and
    /// command timeouts on both masters plus a compensation), so a replay never races a write still in flight.
    /// </summary>
    public int OutboxGraceSeconds { get; set; } = 60;
}

/// <summary>Bound from "Alerts".</summary>
public sealed class AlertOptions
{
    /// <summary>Optional: CRITICAL alerts are POSTed here as JSON.</summary>
    public string? WebhookUrl { get; set; }
}
