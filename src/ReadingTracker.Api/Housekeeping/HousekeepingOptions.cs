using System.ComponentModel.DataAnnotations;

namespace ReadingTracker.Api.Housekeeping;

/// <summary>Bound from "Housekeeping".</summary>
public sealed class HousekeepingOptions
{
    /// <summary>28 days: a timer period must stay under 2^32 ms.</summary>
    public const int MaxIntervalMinutes = 28 * 24 * 60;

    /// <summary>Minutes between two passes.</summary>
    [Range(1, MaxIntervalMinutes)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Days an expired refresh or reset token is kept before it is purged: until then, presenting it still
    /// answers "expired" rather than "invalid".
    /// </summary>
    [Range(0, 3650)]
    public int KeepExpiredTokensDays { get; set; } = 7;

    /// <summary>Rows deleted per write batch; each batch is one dual write.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}
