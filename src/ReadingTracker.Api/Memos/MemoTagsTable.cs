using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos;

/// <summary>The writes of memo_tags, the links between a memo and its tags: inserted, moved by a tag merge, and removed when a tag is dropped.</summary>
public static class MemoTagsTable
{
    public static readonly Table Table = new("memo_tags");

    private static readonly Column<long> MemoId = Table.Column<long>("memo_id");
    private static readonly Column<long> TagId = Table.Column<long>("tag_id");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");

    public static RowWrite Insert(MemoTagRow link, long createdAt) =>
        Table.Insert(Table.Id.Set(link.Id), MemoId.Set(link.MemoId), TagId.Set(link.TagId), CreatedAt.Set(createdAt));

    /// <summary>The link now points at another tag, keeping its id and so its place among the memo's tags (a tag merge, ADR-011).</summary>
    public static RowWrite Retag(long id, long tagId) => Table.Update(id, TagId.Set(tagId));

    /// <summary>A link row has no life of its own: an unlinked tag is removed, not tombstoned.</summary>
    public static RowWrite Delete(long id) => Table.Delete(id);
}
