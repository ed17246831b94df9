using Dapper;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Transfer;

/// <summary>A page of the shelf with everything the exports write about it.</summary>
public sealed record ExportPage(IReadOnlyList<ShelfEntryRow> Entries, ILookup<long, Memo> MemosByEntry, ILookup<long, ExportHistoryRow> HistoryByMemo);

/// <summary>An earlier version of a memo (memo_history).</summary>
public sealed class ExportHistoryRow
{
    public long MemoId { get; init; }

    public int Version { get; init; }

    public int PageNumber { get; init; }

    public string Content { get; init; } = "";

    public string Tags { get; init; } = "";

    public long EditedAt { get; init; }

    public long ReplacedAt { get; init; }
}

/// <summary>
/// The reader's shelf for an export, a page of entries at a time (by entry id), so an export of any size holds one page
/// in memory while it streams.
/// </summary>
public sealed class ExportStore(FailoverReader reader)
{
    public const int EntriesPerPage = 200;

    public async IAsyncEnumerable<ExportPage> PagesAsync(long userId, bool withHistory, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            var entries = (await reader.ReadAsync(c => c.QueryAsync<ShelfEntryRow>(new CommandDefinition(
                ShelfStore.EntrySelect + " WHERE ub.user_id = @userId AND ub.deleted_at IS NULL AND ub.id > @after ORDER BY ub.id LIMIT @take",
                new { userId, after, take = EntriesPerPage }, cancellationToken: ct)), ct)).AsList();
            if (entries.Count == 0)
            {
                yield break;
            }

            var entryIds = entries.Select(e => e.Id).ToList();
            var memos = (await reader.ReadAsync(c => c.QueryAsync<MemoRow>(new CommandDefinition(
                "SELECT id, user_id, user_book_id, client_id, page_number, content, memo_start_time, version, created_at, updated_at " +
                "FROM memo WHERE user_id = @userId AND deleted_at IS NULL AND user_book_id IN @entryIds ORDER BY user_book_id, page_number, memo_start_time, id",
                new { userId, entryIds }, cancellationToken: ct)), ct)).AsList();
            var memoIds = memos.Select(m => m.Id).ToList();
            var tags = new List<MemoTagRow>();
            var history = new List<ExportHistoryRow>();
            foreach (var chunk in memoIds.Chunk(1000))
            {
                tags.AddRange(await reader.ReadAsync(c => c.QueryAsync<MemoTagRow>(new CommandDefinition(
                    "SELECT mt.id, mt.memo_id, mt.tag_id, t.code, t.category, t.sort_order FROM memo_tags mt " +
                    "JOIN tags t ON t.id = mt.tag_id AND t.deleted_at IS NULL WHERE mt.memo_id IN @chunk ORDER BY mt.memo_id, mt.id",
                    new { chunk }, cancellationToken: ct)), ct));
                if (withHistory)
                {
                    history.AddRange(await reader.ReadAsync(c => c.QueryAsync<ExportHistoryRow>(new CommandDefinition(
                        "SELECT memo_id, version, page_number, content, tags, edited_at, replaced_at FROM memo_history " +
                        "WHERE memo_id IN @chunk ORDER BY memo_id, version", new { chunk }, cancellationToken: ct)), ct));
                }
            }

            var tagsByMemo = tags.ToLookup(t => t.MemoId);
            yield return new ExportPage(
                entries,
                memos.Select(m => new Memo(m, [.. tagsByMemo[m.Id]])).ToLookup(m => m.Row.UserBookId),
                history.ToLookup(h => h.MemoId));
            after = entries[^1].Id;
        }
    }
}
