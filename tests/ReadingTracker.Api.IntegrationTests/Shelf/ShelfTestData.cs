using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Shelf;

/// <summary>Shelf set-up through the public API, so every test starts from entries a real client could make.</summary>
public static class ShelfTestData
{
    public const string Books = "/api/v1/user/books";

    public static async Task<long> AddBookAsync(this ApiClient client, object book)
    {
        var result = await client.PostAsync(Books, book);
        Assert.True(result.Ok, result.ToString());
        return result.Data.GetProperty("userBookId").GetInt64();
    }

    public static Task<long> AddToReadAsync(this ApiClient client, string title = "책", int? totalPages = 300) =>
        client.AddBookAsync(new { title, author = "작가", totalPages, category = "ToRead" });

    public static Task<long> AddReadingAsync(this ApiClient client, int progress = 30, int? totalPages = 300, string start = "2026-01-10") =>
        client.AddBookAsync(new { title = "읽는 책", author = "작가", totalPages, category = "Reading", readingStartDate = start, readingProgress = progress });

    public static async Task<JsonElement> GetEntryAsync(this ApiClient client, long userBookId)
    {
        var result = await client.GetAsync($"{Books}/{userBookId}");
        Assert.True(result.Ok, result.ToString());
        return result.Data;
    }

    public static string? Text(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    public static int? Number(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt32();
}
