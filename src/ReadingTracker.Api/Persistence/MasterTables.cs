namespace ReadingTracker.Api.Persistence;

/// <summary>Every table that lives on both masters, parents before children (the order upserts must follow).</summary>
public static class MasterTables
{
    public static readonly IReadOnlyList<string> All =
    [
        "users", "user_devices", "refresh_tokens", "password_reset_tokens", "books", "user_books", "tags",
        "memo", "memo_search", "memo_tags", "memo_history", "progress_history", "shelf_conflicts", "idempotency_keys",
    ];

    public static int OrderOf(string table)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == table)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown table {table}.", nameof(table));
    }
}
