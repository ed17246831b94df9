namespace ReadingTracker.Api.Persistence;

public sealed record RecoveryRow(string Table, long Id);

/// <summary>These rows may differ between the masters and must be copied from the side that holds the truth.</summary>
public sealed record RecoveryEvent(Guid Id, MasterRole Truth, IReadOnlyList<RecoveryRow> Rows, string Reason, long CreatedAt);

public enum RecoveryState
{
    Open,
    Done,

    /// <summary>Gave up after the configured attempts: a CRITICAL alert was raised; manual work needed.</summary>
    Failed,
}

/// <summary>An event with what the worker has done about it so far.</summary>
public sealed record RecoveryEntry(RecoveryEvent Event, RecoveryState State, int Attempts, string? LastError, long? UpdatedAt);

/// <summary>
/// Durable record of divergences, on neither master: a fsynced file in the embedded default, Redis
/// (with AOF persistence) in production. Survives a server restart. The write path records into it; the
/// recovery worker (Recovery) keeps it and repairs what it lists.
/// </summary>
public interface IRecoveryJournal
{
    Task RecordAsync(RecoveryEvent recoveryEvent, CancellationToken ct);

    /// <summary>The events not done yet (open and failed), oldest first.</summary>
    Task<IReadOnlyList<RecoveryEntry>> ListAsync(CancellationToken ct);

    Task UpdateAsync(RecoveryEntry entry, CancellationToken ct);
}
