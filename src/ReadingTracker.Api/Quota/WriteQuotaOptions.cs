using System.ComponentModel.DataAnnotations;

namespace ReadingTracker.Api.Quota;

/// <summary>Bound from "Quota".</summary>
public sealed class WriteQuotaOptions
{
    /// <summary>
    /// The smallest quota that still lets one full memo batch (100 items) through; below it, an offline client's
    /// batch could never be stored and would be retried forever. A test keeps it at least the batch's size.
    /// </summary>
    public const int Minimum = 100;

    /// <summary>
    /// Rows one user may store in any minute: a memo, a shelf entry, a profile change, each item of a memo
    /// batch counts one. 3,000 is three times a 1,000-memo offline sync.
    /// </summary>
    [Range(Minimum, int.MaxValue, ErrorMessage = "{0} must be at least {1} (one full memo batch).")]
    public int WriteRowsPerMinute { get; set; } = 3000;
}
