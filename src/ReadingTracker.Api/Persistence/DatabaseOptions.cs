namespace ReadingTracker.Api.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>Bound from the "Database" section; connection strings come from "ConnectionStrings".</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seconds a write waits before the client should retry after a 503.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long a read waits for Primary before it is read from Secondary instead (a hung Primary).</summary>
    public int ReadAttemptTimeoutMilliseconds { get; set; } = 1500;

    /// <summary>How long reads and writes stay off Primary once it failed, before one request probes it again.</summary>
    public int CircuitBreakSeconds { get; set; } = 5;
}
