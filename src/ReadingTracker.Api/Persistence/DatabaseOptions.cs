using System.ComponentModel.DataAnnotations;

namespace ReadingTracker.Api.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>Bound from the "Database" section; connection strings come from "ConnectionStrings".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Which engine both masters run: the embedded SQLite pair or two MariaDB/MySQL servers.</summary>
    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "The field {0} must be Sqlite or MySql.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>How long a lease on a recovery, outbox-replay or housekeeping pass lasts if its holder dies (longer than a pass).</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Seconds a write waits before the client should retry after a 503.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long a read waits for Primary before it is read from Secondary instead (a hung Primary).</summary>
    [Range(1, 600_000)]
    public int ReadAttemptTimeoutMilliseconds { get; set; } = 1500;

    /// <summary>How long reads and writes stay off Primary once it failed, before one request probes it again.</summary>
    [Range(0, 3600)]
    public int CircuitBreakSeconds { get; set; } = 5;
}
