using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Memos;

/// <summary>Reads a master directly, to prove what a request did (or did not do) on each side.</summary>
public static class MemoMasterQueries
{
    public static Task<long> CountAsync(string connectionString, string sql, object? args = null) => MasterSql.CountAsync(connectionString, sql, args);

    /// <summary>The count on Primary and on Secondary.</summary>
    public static async Task<(long Primary, long Secondary)> CountOnBothAsync(AppFactory app, string sql, object? args = null) =>
        (await CountAsync(app.Primary, sql, args), await CountAsync(app.Secondary, sql, args));

    public static Task<(long Primary, long Secondary)> MemosOfUserAsync(AppFactory app, long userId) =>
        CountOnBothAsync(app, "SELECT COUNT(*) FROM memo WHERE user_id = @userId", new { userId });
}
