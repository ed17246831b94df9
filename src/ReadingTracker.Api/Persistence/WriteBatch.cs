namespace ReadingTracker.Api.Persistence;

public enum RowWriteKind
{
    Insert,
    Update,
    Delete,

    /// <summary>Add a delta to one numeric column in the database (<c>c = c + delta</c>); undone by the inverse delta.</summary>
    Increment,
}

/// <summary>
/// One row-level change, addressed by table and id, with the column values to write. Features build them
/// through their table's typed writes (<see cref="Table"/>), never by hand.
/// </summary>
public sealed record RowWrite(RowWriteKind Kind, string Table, long Id, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>An update applies only while these columns hold these values (on each master); otherwise it changes nothing.</summary>
    public IReadOnlyDictionary<string, object?>? Guard { get; init; }

    /// <summary>An update applies only while each of these columns is null or below the given value (on each master).</summary>
    public IReadOnlyDictionary<string, object?>? Below { get; init; }
}

/// <summary>
/// A row the Primary transaction reads first, locked until it commits, and the writes its values call for: for a
/// change that must depend on the row as it is inside the transaction, not as a read before the write saw it (reading
/// progress that only moves forward while two memos on one book land at once). <see cref="Decide"/> gets the row
/// (null when it is gone) and returns inserts, or updates of that same row; the locked row is their before-image,
/// so the compensation needs no read of its own and undoes exactly what was decided.
/// </summary>
public sealed record LockedRead(string Table, long Id, Func<IReadOnlyDictionary<string, object?>?, IReadOnlyList<RowWrite>> Decide);

/// <summary>
/// Everything one request writes, as row-level changes that can be applied to either master in the
/// same order and undone from before-images. This is the seam of the dual-write path: business code
/// builds a batch, <see cref="DualWriter"/> decides where and how it lands.
/// </summary>
public sealed class WriteBatch
{
    private readonly List<RowWrite> _writes = [];
    private readonly List<LockedRead> _reads = [];

    public IReadOnlyList<RowWrite> Writes => _writes;

    /// <summary>Rows still to be read under lock on Primary; empty once their writes are decided and appended.</summary>
    public IReadOnlyList<LockedRead> LockedReads => _reads;

    public bool IsEmpty => _writes.Count == 0 && _reads.Count == 0;

    /// <summary>Where the decided writes begin in <see cref="Writes"/>; null until <see cref="Decide"/> ran.</summary>
    private int? _decidedFrom;

    /// <summary>
    /// The writes in the order a master that takes no row locks first (Secondary) applies them: an update a decision
    /// made to its locked row goes ahead of the batch's own writes, unless one of those writes the same row. On
    /// Primary that row was locked before any write; elsewhere a child insert's foreign-key check would otherwise take a
    /// shared lock on it first, and two batches moving the same row would each wait for the other's shared lock
    /// (a deadlock, which failed one of two concurrent memo creates on one book).
    /// </summary>
    public IReadOnlyList<RowWrite> WritesLockedRowsFirst()
    {
        if (_decidedFrom is not { } from)
        {
            return _writes;
        }

        var own = _writes.Take(from).Select(w => (w.Table, w.Id)).ToHashSet();
        var ahead = _writes.Skip(from).Where(w => w.Kind == RowWriteKind.Update && !own.Contains((w.Table, w.Id))).ToList();
        return ahead.Count == 0 ? _writes : [.. ahead, .. _writes.Where(w => !ahead.Contains(w))];
    }

    /// <summary>Adds a write, applied after those already in the batch.</summary>
    public WriteBatch Add(RowWrite write)
    {
        _writes.Add(write);
        return this;
    }

    /// <summary>
    /// Adds a row for Primary to lock and read before any write of the batch; the writes <paramref name="decide"/>
    /// returns for it are applied after the batch's own, and Secondary, the outbox and any recovery get them as
    /// written ones. Rows are locked in id order, so two batches locking the same rows cannot deadlock each other.
    /// </summary>
    public WriteBatch Lock(Table table, long id, Func<IReadOnlyDictionary<string, object?>?, IReadOnlyList<RowWrite>> decide)
    {
        _reads.Add(new LockedRead(table.Name, id, decide));
        _reads.Sort((a, b) => (a.Table, a.Id).CompareTo((b.Table, b.Id)));
        return this;
    }

    /// <summary>
    /// Runs every decision on its locked row (<paramref name="rows"/> in <see cref="LockedReads"/> order), appends the
    /// decided writes, and returns the before-image of each decided write by its index in <see cref="Writes"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A decision wrote another row than the one it locked.</exception>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, object?>?> Decide(IReadOnlyList<IReadOnlyDictionary<string, object?>?> rows)
    {
        var images = new Dictionary<int, IReadOnlyDictionary<string, object?>?>();
        var reads = _reads.ToList();
        _reads.Clear();
        _decidedFrom ??= _writes.Count;
        for (var i = 0; i < reads.Count; i++)
        {
            foreach (var write in reads[i].Decide(rows[i]))
            {
                if (write.Kind != RowWriteKind.Insert && (write.Table != reads[i].Table || write.Id != reads[i].Id))
                {
                    throw new InvalidOperationException($"A decision on {reads[i].Table} {reads[i].Id} may insert rows or change that row only, not {write.Table} {write.Id}.");
                }

                images[_writes.Count] = write.Kind == RowWriteKind.Insert ? null : rows[i];
                _writes.Add(write);
            }
        }

        return images;
    }
}
