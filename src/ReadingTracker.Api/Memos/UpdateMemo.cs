using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

/// <summary>Omitted fields keep their value; extra fields of the earlier client (id, memoStartTime) are ignored.</summary>
public sealed record UpdateMemoRequest(string? Content, IReadOnlyList<string?>? Tags, TagCategory? TagCategory, int? PageNumber, int? BaseVersion);

/// <summary>
/// PUT /memos/{id}: last writer wins, and nothing is lost — every update first copies the version it
/// replaces into memo_history (docs/contract.md §5.3). A client that edited an older version than the current one
/// still wins, and is told so with "conflict": true; the text it overwrote stays in the history. A new page must lie
/// within the book, and one past the entry's progress moves it forward (§4.5), in the same write.
/// </summary>
public static class UpdateMemo
{
    // memo_history is unique by (memo_id, version): two updates of the same version cannot both land,
    // so the later one re-reads the memo and applies on top instead of silently replacing the first.
    private const int Attempts = 5;

    public static async Task<Ok<ApiResponse<MemoResponse>>> Handle(
        long memoId, UpdateMemoRequest request, CurrentUser user, MemoStore memos, ShelfStore shelf, TagCatalog catalog,
        DualWriter writer, IdGenerator ids, TimeProvider time, CancellationToken ct)
    {
        new Validator().Content(request.Content, required: false).PageNumber(request.PageNumber).Min(request.BaseVersion, 1, "baseVersion").ThrowIfInvalid();
        ShelfEntryRow? entry = null;
        for (var attempt = 1; ; attempt++)
        {
            var memo = await memos.FindAsync(user.Id, memoId, ct) ?? throw MemoErrors.NotFound();
            if (request.PageNumber is { } page)
            {
                entry ??= await shelf.FindEntryAsync(user.Id, memo.Row.UserBookId, ct) ?? throw MemoErrors.NotFound();
                MemoProgress.PageWithinBook(new Validator(), page, entry.TotalPages).ThrowIfInvalid();
            }

            var tags = request.Tags is null ? null : TagResolver.Resolve(request.Tags, request.TagCategory ?? TagCategory.TYPE, await catalog.ForCodesAsync(user.Id, request.Tags, ct));
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var (batch, updated) = Build(memo, request, tags, ids, now);
            // Only an update that sends a page answers where the progress stands; the others leave it alone.
            var progress = entry is null ? null : MemoProgress.Follow(batch, entry, updated.Row.PageNumber, ids, time);
            try
            {
                await writer.WriteAsync(batch, ct);
                var conflict = request.BaseVersion is { } seen && seen < memo.Row.Version;
                return Envelope.Ok(updated.ToResponse(user.TimeZone, conflict, progress?.Result));
            }
            catch (UniqueViolationException) when (attempt < Attempts)
            {
                // Another device's update of the same version landed first; apply this one on top of it.
            }
        }
    }

    private static (WriteBatch Batch, Memo Updated) Build(Memo memo, UpdateMemoRequest request, IReadOnlyList<TagRow>? tags, IdGenerator ids, long now)
    {
        var old = memo.Row;
        var row = new MemoRow
        {
            Id = old.Id, UserId = old.UserId, UserBookId = old.UserBookId, ClientId = old.ClientId,
            PageNumber = request.PageNumber ?? old.PageNumber, Content = request.Content ?? old.Content,
            MemoStartTime = old.MemoStartTime, Version = old.Version + 1, CreatedAt = old.CreatedAt, UpdatedAt = now,
            BookTitle = old.BookTitle, BookIsbn = old.BookIsbn,
        };
        // The memo row first: on MariaDB its row lock queues a concurrent update of the same memo behind this
        // one, which then fails on the history key instead of deadlocking on the history's foreign-key lock.
        var batch = new WriteBatch().Add(MemoTable.Edit(row)).Add(MemoHistoryTable.Insert(ids.NextId(), memo, now));
        if (row.Content != old.Content)
        {
            batch.Add(Search.MemoSearchTable.Edit(row));
        }

        return (batch, new Memo(row, tags is null ? memo.Tags : ReplaceTags(batch, memo, tags, ids, now)));
    }

    /// <summary>Unlinks the tags that were dropped and links the new ones; kept links keep their id and order.</summary>
    private static List<MemoTagRow> ReplaceTags(WriteBatch batch, Memo memo, IReadOnlyList<TagRow> tags, IdGenerator ids, long now)
    {
        var kept = new List<MemoTagRow>();
        foreach (var link in memo.Tags)
        {
            if (tags.Any(t => t.Id == link.TagId))
            {
                kept.Add(link);
            }
            else
            {
                batch.Add(MemoTagsTable.Delete(link.Id));
            }
        }

        foreach (var tag in tags.Where(t => !memo.Tags.Any(l => l.TagId == t.Id)))
        {
            var link = new MemoTagRow { Id = ids.NextId(), MemoId = memo.Row.Id, TagId = tag.Id, Code = tag.Code, Category = tag.Category, SortOrder = tag.SortOrder };
            batch.Add(MemoTagsTable.Insert(link, now));
            kept.Add(link);
        }

        return kept;
    }
}
