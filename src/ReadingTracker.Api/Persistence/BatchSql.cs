using System.Data.Common;
using System.Text;

namespace ReadingTracker.Api.Persistence;

/// <summary>Applies a whole batch to one master in one transaction, and restores it from before-images.</summary>
public static class BatchSql
{
    /// <summary>Tells the caller whether a failure happened before or during the commit.</summary>
    public sealed class Progress
    {
        public bool CommitStarted { get; set; }
    }

    /// <summary>
    /// Applies the batch in one transaction, with the outbox entry when one is given (Primary of a pair). With
    /// <paramref name="captureBefore"/>, returns each row's before-image read inside that transaction — for
    /// updates and deletes only: an insert's id was just made by the server and an increment is undone by its
    /// inverse, so neither needs one.
    /// </summary>
    /// <param name="clock">When given, stamps the outbox entry as it is inserted, after any lock waits of the batch:
    /// its grace period then counts from the commit, not from before the transaction began.</param>
    public static Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyAsync(
        MasterDatabase master, WriteBatch batch, OutboxEntry? outbox, bool captureBefore, CancellationToken ct, Progress? progress = null,
        TimeProvider? clock = null) =>
        master.UseAsync(connection =>
            master.Dialect.Provider == DatabaseProvider.MySql && !(captureBefore && batch.Writes.Any(NeedsBeforeImage))
                ? ApplyAtOnceAsync(connection, batch, outbox, progress, clock, ct)
                : ApplyStepwiseAsync(connection, master.Dialect, batch, outbox, captureBefore, progress, clock, ct), ct);

    private static bool NeedsBeforeImage(RowWrite write) => write.Kind is RowWriteKind.Update or RowWriteKind.Delete;

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyStepwiseAsync(
        DbConnection connection, SqlDialect dialect, WriteBatch batch, OutboxEntry? outbox, bool captureBefore, Progress? progress,
        TimeProvider? clock, CancellationToken ct)
    {
        var beforeImages = new List<IReadOnlyDictionary<string, object?>?>(batch.Writes.Count);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var locked = new List<IReadOnlyDictionary<string, object?>?>(batch.LockedReads.Count);
        foreach (var read in batch.LockedReads)
        {
            locked.Add(await RowSql.ReadRowAsync(connection, transaction, read.Table, read.Id, ct, forUpdate: dialect));
        }

        var decided = batch.Decide(locked);
        for (var i = 0; i < batch.Writes.Count; i++)
        {
            var write = batch.Writes[i];
            if (captureBefore)
            {
                beforeImages.Add(decided.TryGetValue(i, out var image) ? image
                    : NeedsBeforeImage(write) ? await RowSql.ReadRowAsync(connection, transaction, write.Table, write.Id, ct, forUpdate: dialect)
                    : null);
            }

            await RowSql.ApplyAsync(connection, transaction, dialect, write, ct);
        }

        if (outbox is not null)
        {
            await WriteOutbox.InsertAsync(connection, transaction, Stamp(outbox, batch, clock), ct);
        }

        progress?.CommitStarted = true;
        await transaction.CommitAsync(ct);
        return beforeImages;
    }

    /// <summary>
    /// MariaDB, when no before-image is needed (inserts and increments, or any batch on Secondary): the transaction in
    /// as few round trips as the outbox allows. Without an outbox (Secondary, or a single master) one:
    /// <c>START TRANSACTION; writes; COMMIT</c>. With one (Primary of a pair) two: <c>START TRANSACTION; writes</c>,
    /// then <c>INSERT outbox; COMMIT</c> — the entry is stamped after the writes' lock waits, as in the stepwise path,
    /// so its grace period still counts from the commit (ADR-006). <c>START TRANSACTION</c> takes the server's
    /// isolation level (REPEATABLE READ, which the driver used to send before each transaction). The server stops a
    /// multi-statement at its first error and leaves the transaction open: it is rolled back before the connection is
    /// given up. Rows to read under lock (<see cref="WriteBatch.Lock"/>) ride in the first round trip, ahead of the
    /// writes (<c>SELECT … FOR UPDATE</c>, so the lock is taken before a child insert's foreign-key check shares it);
    /// the writes they decide go with the second, which then also carries the <c>COMMIT</c> without an outbox.
    /// </summary>
    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>?>> ApplyAtOnceAsync(
        DbConnection connection, WriteBatch batch, OutboxEntry? outbox, Progress? progress, TimeProvider? clock, CancellationToken ct)
    {
        var own = batch.Writes.Count;
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, object?>?> decided = new Dictionary<int, IReadOnlyDictionary<string, object?>?>();
        try
        {
            var reads = batch.LockedReads.Count;
            // Without rows to lock here (Secondary gets the batch decided), a decided row's update goes first.
            var ordered = reads == 0 ? batch.WritesLockedRowsFirst() : batch.Writes;
            var commitFirst = outbox is null && reads == 0;
            await using (var writes = connection.CreateCommand())
            {
                var sql = new StringBuilder("START TRANSACTION;");
                for (var i = 0; i < reads; i++)
                {
                    sql.Append(' ').Append(RowSql.AddLockedRead(writes, batch.LockedReads[i], $"l{i}_")).Append(';');
                }

                AppendWrites(sql, writes, ordered, 0, own);

                if (commitFirst)
                {
                    progress?.CommitStarted = true;
                    sql.Append(" COMMIT;");
                }

                writes.CommandText = sql.ToString();
                if (reads == 0)
                {
                    await writes.ExecuteNonQueryAsync(ct);
                }
                else
                {
                    decided = batch.Decide(await RowSql.ReadLockedRowsAsync(writes, reads, ct));
                }
            }

            if (!commitFirst)
            {
                await using var commit = connection.CreateCommand();
                var sql = new StringBuilder();
                AppendWrites(sql, commit, batch.Writes, own, batch.Writes.Count);

                if (outbox is not null)
                {
                    sql.Append(' ').Append(WriteOutbox.AddInsert(commit, Stamp(outbox, batch, clock), "o_")).Append(';');
                }

                commit.CommandText = sql.Append(" COMMIT;").ToString();
                progress?.CommitStarted = true;
                await commit.ExecuteNonQueryAsync(ct);
            }
        }
        catch
        {
            await RollBackQuietlyAsync(connection);
            throw;
        }

        return [.. batch.Writes.Select((_, i) => decided.GetValueOrDefault(i))];
    }

    /// <summary>
    /// Appends <paramref name="writes"/>[from..to) as statements, each ending in a semicolon. Adjacent inserts into the
    /// same table with the same columns become one multi-row <c>INSERT</c> (a batch of 100 memos is a few statements,
    /// not hundreds for the server to parse and run one by one); the rows keep their order, so a row still follows
    /// the rows it refers to. Each row's parameters keep their own prefix, <c>w{index}_</c>.
    /// </summary>
    internal static void AppendWrites(StringBuilder sql, DbCommand command, IReadOnlyList<RowWrite> writes, int from, int to)
    {
        for (var i = from; i < to;)
        {
            var run = i + 1;
            while (run < to && RowSql.SameInsert(writes[i], writes[run]))
            {
                run++;
            }

            sql.Append(' ').Append(run - i == 1
                ? RowSql.AddWrite(command, writes[i], $"w{i}_")
                : RowSql.AddInserts(command, writes, i, run, index => $"w{index}_")).Append(';');
            i = run;
        }
    }

    /// <summary>Ends a transaction that a failed multi-statement left open; a connection that cannot is broken and is not reused.</summary>
    private static async Task RollBackQuietlyAsync(DbConnection connection)
    {
        try
        {
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or TimeoutException)
        {
            // The original failure is what the caller needs to see.
        }
    }

    /// <summary>The entry as it is inserted: covering the writes decided under lock too, and stamped now when a clock is given.</summary>
    private static OutboxEntry Stamp(OutboxEntry outbox, WriteBatch batch, TimeProvider? clock) =>
        OutboxEntry.For(batch, outbox.Id, clock?.GetUtcNow().ToUnixTimeMilliseconds() ?? outbox.CreatedAt);

    /// <summary>Undoes the batch, last write first. Returns the rows left alone because a concurrent write changed them since.</summary>
    public static async Task<IReadOnlyList<RowWrite>> RestoreAsync(MasterDatabase master, WriteBatch batch, IReadOnlyList<IReadOnlyDictionary<string, object?>?> beforeImages)
    {
        var skipped = new List<RowWrite>();
        await using var connection = await master.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        for (var i = batch.Writes.Count - 1; i >= 0; i--)
        {
            if (!await RowSql.RestoreAsync(connection, transaction, master.Dialect, batch.Writes[i], beforeImages[i], CancellationToken.None))
            {
                skipped.Add(batch.Writes[i]);
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        return skipped;
    }
}
