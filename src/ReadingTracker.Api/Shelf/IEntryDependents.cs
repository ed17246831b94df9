using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// Rows of another feature that leave the shelf with an entry, tombstoned in the entry's own batch so both masters
/// lose all of them or none. The memo feature owns the memo table and depends on the shelf, so it supplies this
/// (registered with the memo services) rather than the shelf writing memo rows itself.
/// </summary>
public interface IEntryDependents
{
    /// <summary>Adds to <paramref name="batch"/> the tombstones of the live rows that belong to the entry.</summary>
    Task TombstoneAsync(WriteBatch batch, long userBookId, long now, CancellationToken ct);
}
