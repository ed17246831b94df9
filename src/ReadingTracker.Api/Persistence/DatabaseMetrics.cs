using System.Diagnostics.Metrics;

namespace ReadingTracker.Api.Persistence;

/// <summary>
/// Counters of the fault-tolerance mechanisms, exported as Prometheus text at /metrics. The meter comes from the
/// host's <see cref="IMeterFactory"/>, so each host (and each test server in one process) counts on its own.
/// </summary>
public sealed class DatabaseMetrics
{
    /// <summary>The one meter /metrics exports; other features create their counters on it too.</summary>
    public const string MeterName = "ReadingTracker";

    public DatabaseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        DualWrites = meter.CreateCounter<long>("rt_dual_writes", description: "Write batches by outcome");
        Compensations = meter.CreateCounter<long>("rt_compensations", description: "Primary undos after a Secondary failure, by outcome");
        RecoveryEvents = meter.CreateCounter<long>("rt_recovery_events", description: "Recovery events by outcome");
        ReadFailovers = meter.CreateCounter<long>("rt_read_failovers", description: "Reads served by Secondary because Primary failed");
        CircuitOpened = meter.CreateCounter<long>("rt_primary_circuit_opened", description: "Times the Primary circuit breaker opened");
        Purged = meter.CreateCounter<long>("rt_housekeeping_purged", description: "Expired rows purged by housekeeping, by table");
        OutboxReplays = meter.CreateCounter<long>("rt_outbox_replays", description: "Outbox entries a dead server left on Primary, replayed to Secondary, by outcome");
    }

    public Counter<long> DualWrites { get; }

    public Counter<long> Compensations { get; }

    public Counter<long> RecoveryEvents { get; }

    public Counter<long> ReadFailovers { get; }

    public Counter<long> CircuitOpened { get; }

    public Counter<long> Purged { get; }

    public Counter<long> OutboxReplays { get; }

    public static KeyValuePair<string, object?> Outcome(string value) => new("outcome", value);
}
