using System.ComponentModel.DataAnnotations;

namespace ReadingTracker.Api.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>Who replicates: the server, writing to two masters (DualMaster), or the database cluster itself (Cluster).</summary>
public enum DatabaseTopology
{
    DualMaster,
    Cluster,
}

/// <summary>Bound from the "Database" section; connection strings come from "ConnectionStrings".</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>Which engine both masters run: the embedded SQLite pair or two MariaDB/MySQL servers.</summary>
    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "The field {0} must be Sqlite or MySql.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// DualMaster: ConnectionStrings:Primary and :Secondary, written by the server (an empty Secondary is single-master).
    /// Cluster: one MySqlConnector string listing every node of a Galera (or Group Replication) cluster; the database
    /// replicates, :Secondary is ignored, and the server retries what a dead node or a certification conflict failed.
    /// </summary>
    [EnumDataType(typeof(DatabaseTopology), ErrorMessage = "The field {0} must be DualMaster or Cluster.")]
    public DatabaseTopology Topology { get; set; } = DatabaseTopology.DualMaster;

    /// <summary>
    /// How long a lease on a recovery, outbox-replay or housekeeping pass outlives a holder that died mid-pass: the
    /// other instances wait this long for the work. A pass that runs longer may meet another instance's (both idempotent).
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>Cluster: attempts of a write that lost a certification conflict or its node, before the client gets 503.</summary>
    [Range(2, 10)]
    public int ClusterWriteAttempts { get; set; } = 4;

    /// <summary>Seconds a write waits before the client should retry after a 503.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long a read waits for Primary before it is read from Secondary instead (a hung Primary).</summary>
    [Range(1, 600_000)]
    public int ReadAttemptTimeoutMilliseconds { get; set; } = 1500;

    /// <summary>How long reads and writes stay off Primary once it failed, before one request probes it again.</summary>
    [Range(0, 3600)]
    public int CircuitBreakSeconds { get; set; } = 5;

    /// <summary>
    /// Memo search: the fewest of a reader's newest memos read for text matches before the full-text index is asked
    /// instead (ADR-015). Tests set it small, so that both ways are taken with a few memos.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SearchWindow { get; set; } = 5_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Topology == DatabaseTopology.Cluster && Provider != DatabaseProvider.MySql)
        {
            yield return new ValidationResult($"{Section}:Topology Cluster needs {Section}:Provider MySql.", [nameof(Topology)]);
        }
    }
}
