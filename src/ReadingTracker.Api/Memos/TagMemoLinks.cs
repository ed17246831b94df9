using Dapper;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

/// <summary>
/// A merged or deleted tag leaves its memos: each link moves onto the target tag, keeping its id and so its place among
/// the memo's tags, or is dropped where the memo carries the target already (one of each, never two).
/// </summary>
public sealed class TagMemoLinks(FailoverReader reader) : ITagLinks
{
    public async Task<TagLinkPage> NextPageAsync(long tagId, long? intoTagId, int limit, CancellationToken ct)
    {
        var links = (await reader.ReadAsync(c => c.QueryAsync<(long Id, long? IntoLinkId)>(new CommandDefinition(
            "SELECT s.id, (SELECT i.id FROM memo_tags i WHERE i.memo_id = s.memo_id AND i.tag_id = @intoTagId) AS into_link_id " +
            "FROM memo_tags s WHERE s.tag_id = @tagId ORDER BY s.id LIMIT @take",
            new { tagId, intoTagId, take = limit + 1 }, cancellationToken: ct)), ct)).AsList();
        IReadOnlyList<RowWrite> writes = [.. links.Take(limit).Select(link => intoTagId is { } into && link.IntoLinkId is null
            ? MemoTagsTable.Retag(link.Id, into)
            : MemoTagsTable.Delete(link.Id))];
        return new TagLinkPage(writes, links.Count <= limit);
    }
}
