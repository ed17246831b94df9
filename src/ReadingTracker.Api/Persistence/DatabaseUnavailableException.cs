namespace ReadingTracker.Api.Persistence;

/// <summary>
/// The masters cannot serve this read or write now (both down, or the write could not reach both and was
/// undone or recorded for recovery). The request may be retried after <see cref="RetryAfterSeconds"/>.
/// </summary>
public sealed class DatabaseUnavailableException(int retryAfterSeconds)
    : Exception("The database is temporarily unavailable. Please retry shortly.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
