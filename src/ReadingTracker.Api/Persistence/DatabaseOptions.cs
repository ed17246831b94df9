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
}
