namespace ReadingTracker.Api.Housekeeping;

/// <summary>Bound from "Housekeeping".</summary>
public sealed class HousekeepingOptions
{
    /// <summary>Minutes between two passes.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Days an expired refresh or reset token is kept before it is purged: until then, presenting it still
    /// answers "expired" rather than "invalid".
    /// </summary>
    public int KeepExpiredTokensDays { get; set; } = 7;

    /// <summary>Rows deleted per write batch; each batch is one dual write.</summary>
    public int BatchSize { get; set; } = 200;
}
