using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Memos;

/// <summary>A removed shelf entry takes its live memos with it: each becomes a tombstone in the entry's batch.</summary>
public sealed class EntryMemos(ShelfStore shelf) : IEntryDependents
{
    public async Task TombstoneAsync(WriteBatch batch, long userBookId, long now, CancellationToken ct)
    {
        foreach (var memoId in await shelf.LiveMemoIdsAsync(userBookId, ct))
        {
            batch.Add(MemoTable.SoftDelete(memoId, now));
        }
    }
}
