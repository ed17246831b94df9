using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>
/// Sets up data over the real API (a user, shelf entries, memos) when a test is about another screen,
/// so each test drives only its own screen through the browser.
/// </summary>
public sealed class ApiSeeder(string baseUrl) : IDisposable
{
    public const string Password = "p@ssword1!";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl) };

    public string LoginId { get; private set; } = "";

    public static string NewLoginId(string prefix = "u") => prefix + Guid.NewGuid().ToString("N")[..10];

    public async Task<ApiSeeder> SignUpAndLoginAsync(string? loginId = null, string name = "Reader")
    {
        LoginId = loginId ?? NewLoginId();
        await PostAsync("/api/v1/auth/signup", new { loginId = LoginId, email = $"{LoginId}@example.com", name, password = Password, timeZone = "Asia/Seoul" });
        var login = await PostAsync("/api/v1/auth/login", new { loginId = LoginId, password = Password, deviceName = "Seeder phone", platform = "ANDROID" });
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return this;
    }

    /// <summary>A book typed in by hand; returns its userBookId.</summary>
    public async Task<long> AddBookAsync(string title, int pages, string category = "ToRead", int? progress = null, string author = "Author")
    {
        object body = category is "Reading" or "AlmostFinished"
            ? new { title, author, totalPages = pages, category, readingStartDate = "2026-01-01", readingProgress = progress ?? 1 }
            : new { title, author, totalPages = pages, category };
        var added = await PostAsync("/api/v1/user/books", body);
        return added.GetProperty("userBookId").GetInt64();
    }

    public async Task<long> AddMemoAsync(long userBookId, string content, string memoStartTime, int page = 1, string[]? tags = null, string tagCategory = "TYPE")
    {
        var memo = await PostAsync("/api/v1/memos", new
        {
            userBookId, pageNumber = page, content, tags = tags ?? [], tagCategory, memoStartTime, clientId = Guid.NewGuid().ToString(),
        });
        return memo.GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return await DataAsync(response);
    }

    public async Task<JsonElement> DeleteAsync(string path)
    {
        using var response = await _http.DeleteAsync(new Uri(path, UriKind.Relative));
        return await DataAsync(response);
    }

    public async Task<JsonElement> PutAsync(string path, object body)
    {
        using var response = await _http.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return await DataAsync(response);
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return await DataAsync(response);
    }

    private static async Task<JsonElement> DataAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    public void Dispose() => _http.Dispose();
}
