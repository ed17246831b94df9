using System.Globalization;
using System.Net.Http.Headers;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Transfer;

/// <summary>The import files under Transfer/Files, the requests that send them, and the shelf and memos as stored on a master.</summary>
public static class TransferTestData
{
    public static byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Transfer", "Files", name));

    /// <summary>POST /imports with the file as multipart "file", as the web client sends it.</summary>
    public static Task<ApiResult> ImportAsync(this ApiClient client, byte[] file, string fileName = "export.csv")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        return client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = form });
    }

    /// <summary>POST /imports with the file as the body itself.</summary>
    public static Task<ApiResult> ImportBodyAsync(this ApiClient client, byte[] file, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = content });
    }

    public static async Task<(HttpResponseMessage Response, byte[] Body)> DownloadAsync(this ApiClient client, string path)
    {
        var response = await client.Http.GetAsync(path);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The user's live shelf as one line per entry, sorted, ids left out: two accounts holding the same shelf compare equal.</summary>
    public static async Task<IReadOnlyList<string>> ShelfAsync(string connectionString, long userId)
    {
        await using var connection = MasterSql.Open(connectionString);
        var rows = await connection.QueryAsync(
            "SELECT b.title, b.author, ub.isbn, ub.category, ub.reading_start_date AS s, ub.reading_progress AS p, ub.reading_finished_date AS f, " +
            "ub.rating, ub.review, b.total_pages AS pages FROM user_books ub JOIN books b ON b.id = ub.book_id WHERE ub.user_id = @userId AND ub.deleted_at IS NULL",
            new { userId });
        return [.. rows.Select(r => (string)Line(r)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The user's live memos as one line each: book title, page, content, start instant and tag codes.</summary>
    public static async Task<IReadOnlyList<string>> MemosAsync(string connectionString, long userId)
    {
        await using var connection = MasterSql.Open(connectionString);
        var rows = (await connection.QueryAsync(
            "SELECT m.id, b.title, m.page_number, m.content, m.memo_start_time FROM memo m JOIN user_books ub ON ub.id = m.user_book_id " +
            "JOIN books b ON b.id = ub.book_id WHERE m.user_id = @userId AND m.deleted_at IS NULL", new { userId })).ToList();
        var tags = (await connection.QueryAsync<(long MemoId, string Code)>(
            "SELECT mt.memo_id, t.code FROM memo_tags mt JOIN tags t ON t.id = mt.tag_id JOIN memo m ON m.id = mt.memo_id WHERE m.user_id = @userId",
            new { userId })).ToLookup(t => t.MemoId, t => t.Code);
        return [.. rows.Select(r => (string)$"{r.title}|{r.page_number}|{r.content}|{r.memo_start_time}|{string.Join(',', tags[(long)r.id].Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal)];
    }

    private static string Line(dynamic r) => string.Join('|',
        (string)r.title, (string)r.author, Text(r.isbn), (string)r.category, Day(r.s), Text(r.p), Day(r.f), Text(r.rating), Text(r.review), Text(r.pages));

    private static string Text(object? value) => value is null or DBNull ? "" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Day(object? value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Text(value),
    };
}
