using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ReadingTracker.Api.IntegrationTests.Infrastructure;

/// <summary>A response read as the API v1 envelope.</summary>
public sealed record ApiResult(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public bool Ok => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("ok", out var ok) && ok.GetBoolean();

    public JsonElement Data => Body.GetProperty("data");

    public string? ErrorCode => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var e) ? e.GetProperty("code").GetString() : null;

    public IEnumerable<string> ErrorFields => Body.GetProperty("error").TryGetProperty("fields", out var f)
        ? f.EnumerateArray().Select(x => x.GetProperty("name").GetString()!)
        : [];

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>HTTP helpers for tests: JSON in, envelope out, and a signed-up, logged-in user in one call.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public string? AccessToken { get; private set; }

    public string? RefreshToken { get; private set; }

    public long UserId { get; private set; }

    public string LoginId { get; private set; } = "";

    public const string Password = "p@ssword1!";

    public void UseToken(string? token)
    {
        AccessToken = token;
        Http.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Signs up a fresh user with a unique login id and logs in as that user.</summary>
    public async Task<ApiClient> SignUpAndLoginAsync(string? prefix = null)
    {
        LoginId = (prefix ?? "u") + Guid.NewGuid().ToString("N")[..12];
        var signup = await PostAsync("/api/v1/auth/signup", new { loginId = LoginId, email = $"{LoginId}@example.com", name = "Reader", password = Password });
        Assert.True(signup.Ok, signup.ToString());
        await LoginAsync(LoginId, Password);
        return this;
    }

    public async Task<ApiResult> LoginAsync(string loginId, string password, object? extra = null)
    {
        var login = await PostAsync("/api/v1/auth/login", extra ?? new { loginId, password });
        if (login.Ok)
        {
            UseToken(login.Data.GetProperty("accessToken").GetString());
            RefreshToken = login.Data.GetProperty("refreshToken").GetString();
            UserId = login.Data.GetProperty("user").GetProperty("id").GetInt64();
        }

        return login;
    }

    public Task<ApiResult> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<ApiResult> DeleteAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, url));

    public Task<ApiResult> PostAsync(string url, object? body = null) => SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) });

    public Task<ApiResult> PutAsync(string url, object? body = null) => SendAsync(new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(body) });

    public Task<ApiResult> PatchAsync(string url, object? body = null) => SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = Json(body) });

    /// <summary>Sends raw text as the JSON body, for malformed-input tests.</summary>
    public Task<ApiResult> SendRawAsync(HttpMethod method, string url, string rawJson) =>
        SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(rawJson, Encoding.UTF8, "application/json") });

    public async Task<ApiResult> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResult(response.StatusCode, body, response);
    }

    private static JsonContent? Json(object? body) => body is null ? null : JsonContent.Create(body);
}
