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
}
