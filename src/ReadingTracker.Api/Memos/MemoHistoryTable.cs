using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos;

/// <summary>The writes of memo_history: every version an update replaces is inserted once (unique by memo and version), never changed.</summary>
public static class MemoHistoryTable
{
    public static readonly Table Table = new("memo_history");

    private static readonly Column<long> MemoId = Table.Column<long>("memo_id");
    private static readonly Column<int> Version = Table.Column<int>("version");
    private static readonly Column<int> PageNumber = Table.Column<int>("page_number");
    private static readonly Column<string> Content = Table.Column<string>("content");
    private static readonly Column<string> Tags = Table.Column<string>("tags");
    private static readonly Column<long> EditedAt = Table.Column<long>("edited_at");
    private static readonly Column<long> ReplacedAt = Table.Column<long>("replaced_at");

    /// <summary>The version <paramref name="replaced"/> held until <paramref name="now"/>, its tags as comma-separated codes.</summary>
    public static RowWrite Insert(long id, Memo replaced, long now)
    {
        var old = replaced.Row;
        return Table.Insert(
            Table.Id.Set(id), MemoId.Set(old.Id), Version.Set(old.Version), PageNumber.Set(old.PageNumber), Content.Set(old.Content),
            Tags.Set(string.Join(",", replaced.Tags.Select(t => t.Code))), EditedAt.Set(old.UpdatedAt), ReplacedAt.Set(now));
    }
}
