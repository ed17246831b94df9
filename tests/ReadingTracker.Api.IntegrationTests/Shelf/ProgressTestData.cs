using System.Text.Json;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>Reading progress as each master holds it, and memos on chosen pages, for the "progress follows memos" tests.</summary>
public static class ProgressTestData
{
    public static Task<ApiResult> MemoOnPageAsync(this ApiClient client, long userBookId, int page, string? clientId = null) =>
        client.PostAsync("/api/v1/memos", new { userBookId, pageNumber = page, content = $"p.{page}", memoStartTime = "2026-11-02T10:00:00", clientId });

    /// <summary>The entry's progress and category on one master.</summary>
    public static async Task<(int? Progress, string Category)> EntryOnAsync(string master, long userBookId)
    {
        await using var connection = MasterSql.Open(master);
        var row = await connection.QuerySingleAsync<(long? Progress, string Category)>(
            "SELECT reading_progress, category FROM user_books WHERE id = @userBookId", new { userBookId });
        return ((int?)row.Progress, row.Category);
    }

    /// <summary>The entry's progress and category, the same on both masters.</summary>
    public static async Task<(int? Progress, string Category)> EntryOnBothAsync(AppFactory app, long userBookId)
    {
        var primary = await EntryOnAsync(app.Primary, userBookId);
        Assert.Equal(primary, await EntryOnAsync(app.Secondary, userBookId));
        return primary;
    }

    /// <summary>The entry's progress history on one master, oldest first, as "from→to SOURCE".</summary>
    public static async Task<IReadOnlyList<string>> HistoryOnAsync(string master, long userBookId)
    {
        await using var connection = MasterSql.Open(master);
        var rows = await connection.QueryAsync<(long? From, long To, string Source)>(
            "SELECT from_page, to_page, source FROM progress_history WHERE user_book_id = @userBookId ORDER BY at, id", new { userBookId });
        return [.. rows.Select(r => $"{r.From?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}→{r.To} {r.Source}")];
    }

    /// <summary>The entry's progress history, the same on both masters.</summary>
    public static async Task<IReadOnlyList<string>> HistoryOnBothAsync(AppFactory app, long userBookId)
    {
        var primary = await HistoryOnAsync(app.Primary, userBookId);
        Assert.Equal(primary, await HistoryOnAsync(app.Secondary, userBookId));
        return primary;
    }

    public static (int? ReadingProgress, string Category, bool Moved, bool ReachedLastPage) Progress(this JsonElement memo)
    {
        var p = memo.GetProperty("progress");
        return (p.Number("readingProgress"), p.GetProperty("category").GetString()!, p.GetProperty("moved").GetBoolean(),
            p.GetProperty("reachedLastPage").GetBoolean());
    }
}
