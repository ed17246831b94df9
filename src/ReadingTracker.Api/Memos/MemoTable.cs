using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos;

/// <summary>The writes of the memo table: a memo is inserted, edited into its next version and soft-deleted, never removed.</summary>
public static class MemoTable
{
    public static readonly Table Table = new("memo");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<long> UserBookId = Table.Column<long>("user_book_id");
    private static readonly Column<string?> ClientId = Table.Column<string?>("client_id");
    private static readonly Column<int> PageNumber = Table.Column<int>("page_number");
    private static readonly Column<string> Content = Table.Column<string>("content");
    private static readonly Column<long> MemoStartTime = Table.Column<long>("memo_start_time");
    private static readonly Column<int> Version = Table.Column<int>("version");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<long> UpdatedAt = Table.Column<long>("updated_at");

    // A new memo is live: inserts leave the tombstone to the schema's NULL.
    private static readonly Column<long?> DeletedAt = Table.Column<long?>("deleted_at", onInsert: false);

    public static RowWrite Insert(MemoRow row) => Table.Insert(
        Table.Id.Set(row.Id), UserId.Set(row.UserId), UserBookId.Set(row.UserBookId), ClientId.Set(row.ClientId),
        PageNumber.Set(row.PageNumber), Content.Set(row.Content), MemoStartTime.Set(row.MemoStartTime), Version.Set(row.Version),
        CreatedAt.Set(row.CreatedAt), UpdatedAt.Set(row.UpdatedAt));

    /// <summary>The edited fields of <paramref name="row"/>, its new version and when it was written.</summary>
    public static RowWrite Edit(MemoRow row) => Table.Update(
        row.Id, Content.Set(row.Content), PageNumber.Set(row.PageNumber), Version.Set(row.Version), UpdatedAt.Set(row.UpdatedAt));

    /// <summary>A tombstone offline clients learn of: the row stays, hidden from every read.</summary>
    public static RowWrite SoftDelete(long id, long now) => Table.Update(id, DeletedAt.Set(now), UpdatedAt.Set(now));
}
