using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Http;

/// <summary>docs/contract.md §1.5: the earlier client's origins work; preflights need no token; every response, errors included, carries CORS headers.</summary>
public sealed class CorsAndHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Origin = "http://localhost:8000";

    [Fact]
    public async Task Preflight_SucceedsWithoutToken()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/memos");
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        var result = await app.CreateApiClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, result.Status);
        Assert.Equal(Origin, result.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/me", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/no-such-endpoint", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v1/auth/signup", HttpStatusCode.BadRequest)]
    public async Task ErrorResponses_CarryCorsAndSecurityHeaders(string method, string path, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Origin", Origin);
        if (method == "POST")
        {
            request.Content = new StringContent("{\"loginId\":", System.Text.Encoding.UTF8, "application/json");
        }

        var result = await app.CreateApiClient().SendAsync(request);

        Assert.Equal(expected, result.Status);
        Assert.Equal(Origin, result.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("nosniff", result.Response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("application/json", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.False(result.Ok);
    }

    [Fact]
    public async Task UnknownOrigin_GetsNoCorsGrant()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Add("Origin", "http://evil.example");
        var result = await app.CreateApiClient().SendAsync(request);
        Assert.False(result.Response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task EnglishIsChosenByAcceptLanguage_KoreanByDefault()
    {
        var client = app.CreateApiClient();
        var korean = await client.GetAsync("/api/v1/users/me");
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9,ko;q=0.5");
        var english = await client.GetAsync("/api/v1/users/me");

        Assert.Equal("로그인이 필요합니다.", korean.Body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("Authentication is required.", english.Body.GetProperty("error").GetProperty("message").GetString());
    }
}
