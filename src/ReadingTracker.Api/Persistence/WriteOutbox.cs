using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace ReadingTracker.Api.Persistence;

/// <summary>One write batch's intent: which rows it touches, recorded inside the Primary transaction.</summary>
public sealed record OutboxEntry(long Id, long CreatedAt, IReadOnlyList<(string Table, long Id)> Rows)
{
    public static OutboxEntry For(WriteBatch batch, long id, long now) =>
        new(id, now, [.. batch.Writes.Select(w => (w.Table, w.Id)).Distinct()]);

    /// <summary>Compact text: "memo:1,2;memo_tags:3,4" — a 100-memo batch with tags stays a few KB.</summary>
    public string Refs() => string.Join(';', Rows.GroupBy(r => r.Table).Select(g =>
        g.Key + ":" + string.Join(',', g.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)))));

    public static IReadOnlyList<(string Table, long Id)> ParseRefs(string refs) =>
    [
        .. refs.Split(';', StringSplitOptions.RemoveEmptyEntries).SelectMany(group =>
        {
            var (table, ids) = (group[..group.IndexOf(':')], group[(group.IndexOf(':') + 1)..]);
            return ids.Split(',').Select(id => (table, long.Parse(id, CultureInfo.InvariantCulture)));
        }),
    ];
}

/// <summary>
/// The dual write's durable intent, on Primary only (docs/decisions/ADR-006-write-outbox.md). A row is inserted
/// in the same Primary transaction as the batch, so it exists exactly when the batch committed there, and deleted
/// once Secondary has committed. What is left after a server crash is replayed Primary → Secondary.
/// </summary>
public static class WriteOutbox
{
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, OutboxEntry entry, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AddInsert(command, entry, "");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The entry's INSERT, its parameters added to <paramref name="command"/> under <paramref name="prefix"/>.</summary>
    public static string AddInsert(DbCommand command, OutboxEntry entry, string prefix)
    {
        RowSql.AddParameter(command, prefix + "id", entry.Id);
        RowSql.AddParameter(command, prefix + "createdAt", entry.CreatedAt);
        RowSql.AddParameter(command, prefix + "refs", entry.Refs());
        return $"INSERT INTO write_outbox (id, created_at, row_refs) VALUES (@{prefix}id, @{prefix}createdAt, @{prefix}refs)";
    }

    /// <summary>True when an outbox entry (a write in flight, or one a dead server left) still covers any of these rows.</summary>
    public static async Task<bool> CoversAnyAsync(MasterDatabase primary, string table, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var refs = await primary.UseAsync(connection => connection.QueryAsync<string>(new CommandDefinition("SELECT row_refs FROM write_outbox", cancellationToken: ct)), ct);
        var wanted = ids.ToHashSet();
        return refs.Any(r => OutboxEntry.ParseRefs(r).Any(row => row.Table == table && wanted.Contains(row.Id)));
    }

    /// <summary>
    /// Removes the entries whose rows a completed recovery event has just made equal on both masters: an event is
    /// recorded only after its write ended, so such an entry is stale and would keep a retry waiting.
    /// </summary>
    public static async Task<int> DeleteCoveredAsync(MasterDatabase primary, IReadOnlyCollection<(string Table, long Id)> rows, CancellationToken ct)
    {
        await using var connection = await primary.OpenAsync(ct);
        var covered = rows.ToHashSet();
        var stale = (await connection.QueryAsync<(long Id, string RowRefs)>(new CommandDefinition("SELECT id, row_refs FROM write_outbox", cancellationToken: ct)))
            .Where(e => OutboxEntry.ParseRefs(e.RowRefs).All(covered.Contains)).Select(e => e.Id).ToList();
        return stale.Count == 0 ? 0 : await connection.ExecuteAsync(new CommandDefinition("DELETE FROM write_outbox WHERE id IN @stale", new { stale }, cancellationToken: ct));
    }

    /// <summary>Entries written before <paramref name="cutoff"/> (Unix ms), oldest first, and the creation time of the oldest younger one.</summary>
    public static async Task<(IReadOnlyList<OutboxEntry> Due, long? NextCreatedAt)> ListAsync(MasterDatabase primary, long cutoff, int limit, CancellationToken ct)
    {
        await using var connection = await primary.OpenAsync(ct);
        var due = (await connection.QueryAsync<(long Id, long CreatedAt, string RowRefs)>(new CommandDefinition(
            "SELECT id, created_at, row_refs FROM write_outbox WHERE created_at <= @cutoff ORDER BY created_at, id LIMIT @limit",
            new { cutoff, limit }, cancellationToken: ct))).Select(r => new OutboxEntry(r.Id, r.CreatedAt, OutboxEntry.ParseRefs(r.RowRefs))).ToList();
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(created_at) FROM write_outbox WHERE created_at > @cutoff", new { cutoff }, cancellationToken: ct));
        return (due, next);
    }

    /// <summary>
    /// Makes Secondary equal to Primary for the entry's rows, then removes the entry — all while Primary's
    /// transaction holds the entry and the rows, so a concurrent write to them waits and a second replayer
    /// (another instance) finds nothing to do. Returns false when the entry was already gone.
    /// </summary>
    public static async Task<bool> ReplayAsync(MasterDatabase primary, MasterDatabase secondary, OutboxEntry entry, CancellationToken ct)
    {
        await using var connection = await primary.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM write_outbox WHERE id = @id", new { id = entry.Id }, transaction, cancellationToken: ct));
        if (claimed == 0)
        {
            return false;
        }

        var images = await RowCopier.ReadAsync(connection, transaction, primary.Dialect, entry.Rows, ct);
        await RowCopier.WriteAsync(secondary, images, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public static string Describe(OutboxEntry entry)
    {
        var text = new StringBuilder();
        foreach (var group in entry.Rows.GroupBy(r => r.Table))
        {
            text.Append(CultureInfo.InvariantCulture, $"{(text.Length > 0 ? ", " : "")}{group.Count()} {group.Key}");
        }

        return text.ToString();
    }
}
