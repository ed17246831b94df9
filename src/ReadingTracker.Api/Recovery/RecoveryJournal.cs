using System.Text.Json;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Recovery;

public sealed record RecoveryRow(string Table, long Id);

/// <summary>A divergence between the masters: these rows must be copied from the side that holds the truth.</summary>
public sealed record RecoveryEvent(Guid Id, MasterRole Truth, IReadOnlyList<RecoveryRow> Rows, string Error);

public interface IRecoveryJournal
{
    Task RecordAsync(RecoveryEvent recoveryEvent, CancellationToken ct);

    Task<IReadOnlyList<RecoveryEvent>> ReadAllAsync(CancellationToken ct);
}

/// <summary>
/// The embedded default's durable journal: one JSON line per event in the data directory, flushed to
/// disk before the request is answered, so an event survives a crash and lives on neither master.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "DI singleton for the process lifetime")]
public sealed class FileRecoveryJournal(DataDirectory data) : IRecoveryJournal
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path = data.File("recovery-journal.jsonl");

    public async Task RecordAsync(RecoveryEvent recoveryEvent, CancellationToken ct)
    {
        var line = JsonSerializer.Serialize(recoveryEvent) + "\n";
        await _gate.WaitAsync(ct);
        try
        {
            await using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line), ct);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<RecoveryEvent>> ReadAllAsync(CancellationToken ct)
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        var lines = await File.ReadAllLinesAsync(_path, ct);
        return lines.Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RecoveryEvent>(l)!).ToList();
    }
}

public static class RecoveryExtensions
{
    public static IHostApplicationBuilder AddRecovery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IRecoveryJournal, FileRecoveryJournal>();
        return builder;
    }
}
