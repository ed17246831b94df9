using System.Diagnostics.Metrics;

namespace ReadingTracker.Api.Persistence;

/// <summary>Counters of the fault-tolerance mechanisms, exported as Prometheus text at /metrics.</summary>
public static class DatabaseMetrics
{
    public const string MeterName = "ReadingTracker";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> DualWrites = Meter.CreateCounter<long>("rt_dual_writes", description: "Write batches by outcome");

    public static readonly Counter<long> Compensations = Meter.CreateCounter<long>("rt_compensations", description: "Primary undos after a Secondary failure, by outcome");

    public static readonly Counter<long> RecoveryEvents = Meter.CreateCounter<long>("rt_recovery_events", description: "Recovery events by outcome");

    public static readonly Counter<long> ReadFailovers = Meter.CreateCounter<long>("rt_read_failovers", description: "Reads served by Secondary because Primary failed");

    public static readonly Counter<long> CircuitOpened = Meter.CreateCounter<long>("rt_primary_circuit_opened", description: "Times the Primary circuit breaker opened");

    public static readonly Counter<long> Purged = Meter.CreateCounter<long>("rt_housekeeping_purged", description: "Expired rows purged by housekeeping, by table");

    public static readonly Counter<long> OutboxReplays = Meter.CreateCounter<long>("rt_outbox_replays", description: "Outbox entries a dead server left on Primary, replayed to Secondary, by outcome");

    public static KeyValuePair<string, object?> Outcome(string value) => new("outcome", value);
}
