using System.Text.Json;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Recovery;

/// <summary>
/// The embedded default's journal: one JSON line per state change, flushed to disk before the caller
/// goes on; the last line of an event is its state. Rewritten without finished events when it grows.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "DI singleton for the process lifetime")]
public sealed class FileRecoveryJournal(DataDirectory data) : IRecoveryJournal
{
    private const int CompactAfterLines = 1000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path = data.File("recovery-journal.jsonl");

    public Task RecordAsync(RecoveryEvent recoveryEvent, CancellationToken ct) =>
        AppendAsync(new RecoveryEntry(recoveryEvent, RecoveryState.Open, 0, null, null), ct);

    public Task UpdateAsync(RecoveryEntry entry, CancellationToken ct) => AppendAsync(entry, ct);

    public async Task<IReadOnlyList<RecoveryEntry>> ListAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return (await ReadLatestAsync(ct)).Values.Where(e => e.State != RecoveryState.Done).OrderBy(e => e.Event.CreatedAt).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task AppendAsync(RecoveryEntry entry, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry) + "\n"), ct);
                stream.Flush(flushToDisk: true);
            }

            await CompactIfLongAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<Guid, RecoveryEntry>> ReadLatestAsync(CancellationToken ct)
    {
        var latest = new Dictionary<Guid, RecoveryEntry>();
        if (!File.Exists(_path))
        {
            return latest;
        }

        foreach (var line in await File.ReadAllLinesAsync(_path, ct))
        {
            // A torn last line (crash mid-write) is skipped, not fatal: its event was not acknowledged yet.
            if (line.Length > 0 && TryParse(line) is { } entry)
            {
                latest[entry.Event.Id] = entry;
            }
        }

        return latest;
    }

    private async Task CompactIfLongAsync(CancellationToken ct)
    {
        var lines = File.ReadLines(_path).Take(CompactAfterLines + 1).Count();
        if (lines <= CompactAfterLines)
        {
            return;
        }

        var keep = (await ReadLatestAsync(ct)).Values.Where(e => e.State != RecoveryState.Done).Select(e => JsonSerializer.Serialize(e));
        var temporary = _path + ".tmp";
        await File.WriteAllLinesAsync(temporary, keep, ct);
        File.Move(temporary, _path, overwrite: true);
    }

    private static RecoveryEntry? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<RecoveryEntry>(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
