namespace ReadingTracker.Api.Persistence;

/// <summary>
/// The masters cannot serve this read or write now (both down, or the write could not reach both and was
/// undone or recorded for recovery). The request may be retried after <see cref="RetryAfterSeconds"/>.
/// </summary>
public sealed class DatabaseUnavailableException(int retryAfterSeconds, bool lockConflict = false)
    : Exception("The database is temporarily unavailable. Please retry shortly.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>
    /// Primary chose this write as a deadlock's victim (or it waited too long for a lock) and rolled it back: nothing
    /// was written anywhere, and the same write may go again at once, from a fresh read of what is stored.
    /// </summary>
    public bool LockConflict { get; } = lockConflict;
}
