namespace ReadingTracker.Api.Persistence;

public enum RowWriteKind
{
    Insert,
    Update,
    Delete,

    /// <summary>Add a delta to one numeric column in the database (<c>c = c + delta</c>); undone by the inverse delta.</summary>
    Increment,
}

/// <summary>One row-level change, addressed by table and id, with the column values to write.</summary>
public sealed record RowWrite(RowWriteKind Kind, string Table, long Id, IReadOnlyDictionary<string, object?> Values)
{
    /// <summary>An update applies only while these columns hold these values (on each master); otherwise it changes nothing.</summary>
    public IReadOnlyDictionary<string, object?>? Guard { get; init; }
}

/// <summary>
/// Everything one request writes, as row-level changes that can be applied to either master in the
/// same order and undone from before-images. This is the seam of the dual-write path: business code
/// builds a batch, <see cref="DualWriter"/> decides where and how it lands.
/// </summary>
public sealed class WriteBatch
{
    private readonly List<RowWrite> _writes = [];

    public IReadOnlyList<RowWrite> Writes => _writes;

    public bool IsEmpty => _writes.Count == 0;

    /// <summary>Adds a write, applied after those already in the batch.</summary>
    public WriteBatch Add(RowWrite write)
    {
        _writes.Add(write);
        return this;
    }

    /// <summary>Insert a new row; <paramref name="values"/> must contain "id".</summary>
    public WriteBatch Insert(string table, object values)
    {
        var row = RowValues.From(values);
        if (!row.TryGetValue("id", out var id) || id is not long longId)
        {
            throw new ArgumentException("An inserted row needs a long \"id\".", nameof(values));
        }

        _writes.Add(new RowWrite(RowWriteKind.Insert, table, longId, row));
        return this;
    }

    /// <summary>Set the given columns of an existing row.</summary>
    public WriteBatch Update(string table, long id, object values)
    {
        _writes.Add(new RowWrite(RowWriteKind.Update, table, id, RowValues.From(values)));
        return this;
    }

    /// <summary>
    /// Set the given columns only while the row's <paramref name="guard"/> columns still hold the given values —
    /// a compare-and-set each master evaluates, for a transition that concurrent requests must make once, not
    /// once each (lifting a lapsed lock). When the guard fails the update changes nothing, and so does its undo.
    /// </summary>
    public WriteBatch UpdateIf(string table, long id, object values, object guard)
    {
        _writes.Add(new RowWrite(RowWriteKind.Update, table, id, RowValues.From(values)) { Guard = RowValues.From(guard) });
        return this;
    }

    /// <summary>
    /// Add <paramref name="delta"/> to a numeric column, computed by each master (<c>c = c + delta</c>), so concurrent
    /// increments all count. It has no before-image: its undo is the inverse delta, which cannot erase a concurrent one.
    /// </summary>
    public WriteBatch Increment(string table, long id, string column, long delta)
    {
        _writes.Add(new RowWrite(RowWriteKind.Increment, table, id, new Dictionary<string, object?> { [column] = delta }));
        return this;
    }

    /// <summary>Hard-delete a row. Only for link rows (memo_tags) and purges of expired rows; entities are soft-deleted with Update.</summary>
    public WriteBatch Delete(string table, long id)
    {
        _writes.Add(new RowWrite(RowWriteKind.Delete, table, id, new Dictionary<string, object?>()));
        return this;
    }
}
