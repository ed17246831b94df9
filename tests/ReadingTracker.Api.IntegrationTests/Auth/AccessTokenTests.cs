using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

public sealed class AccessTokenTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string TestSecret = "integration-tests-secret-of-at-least-32-bytes!";

    [Fact]
    public async Task ProtectedEndpoint_WithoutToken_Returns401WithBearerChallenge()
    {
        var result = await app.CreateApiClient().GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("UNAUTHORIZED", result.ErrorCode);
        Assert.Contains(result.Response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task ForgedToken_SignedWithTheServersSecret_IsAccepted_SoTheFailuresBelowAreAboutTheirDefect()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var deviceId = await CurrentDeviceAsync(client);
        client.UseToken(Forge(client.UserId, deviceId, SessionOf(client), TestSecret, Now.AddMinutes(-1), Now.AddMinutes(10)));

        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
    }

    [Fact]
    public async Task ExpiredAccessToken_Returns401InvalidToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var deviceId = await CurrentDeviceAsync(client);
        client.UseToken(Forge(client.UserId, deviceId, SessionOf(client), TestSecret, Now.AddHours(-2), Now.AddMinutes(-5)));

        var result = await client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("INVALID_TOKEN", result.ErrorCode);
        Assert.Contains(result.Response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task TokenSignedWithAnotherSecret_Returns401()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var deviceId = await CurrentDeviceAsync(client);
        client.UseToken(Forge(client.UserId, deviceId, SessionOf(client), "an-attackers-secret-of-at-least-32-bytes!!", Now.AddMinutes(-1), Now.AddMinutes(10)));

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync());
    }

    [Fact]
    public async Task TamperedToken_ClaimingAnotherUser_Returns401()
    {
        var victim = await app.CreateApiClient().SignUpAndLoginAsync();
        var attacker = await app.CreateApiClient().SignUpAndLoginAsync();
        var parts = attacker.AccessToken!.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["sub"] = victim.UserId.ToString(CultureInfo.InvariantCulture);
        attacker.UseToken($"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}");

        var result = await attacker.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("INVALID_TOKEN", result.ErrorCode);
    }

    [Fact]
    public async Task RefreshToken_PresentedAsAccessToken_Returns401()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        client.UseToken(client.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync());
    }

    [Fact]
    public async Task InvalidToken_OnPublicEndpoints_IsIgnored()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var loginId = client.LoginId;
        client.UseToken("garbage.token.value");

        var duplicate = await client.GetAsync($"/api/v1/users/duplicate/loginId?value={loginId}");
        var login = await client.PostAsync("/api/v1/auth/login", new { loginId, password = ApiClient.Password });

        Assert.True(duplicate.Ok, duplicate.ToString());
        Assert.True(login.Ok, login.ToString());
    }

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static async Task<string> CurrentDeviceAsync(ApiClient client)
    {
        var devices = await client.GetAsync("/api/v1/users/me/devices");
        Assert.True(devices.Ok, devices.ToString());
        return devices.Data.EnumerateArray().Single(d => d.GetProperty("current").GetBoolean()).GetProperty("deviceId").GetString()!;
    }

    /// <summary>The session id the server put in the client's real access token.</summary>
    private static string SessionOf(ApiClient client) =>
        JsonNode.Parse(Base64UrlEncoder.Decode(client.AccessToken!.Split('.')[1]))!["sid"]!.GetValue<string>();

    private static string Forge(long userId, string deviceId, string sessionId, string secret, DateTime issuedAt, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "reading-tracker",
            Audience = "reading-tracker",
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", userId.ToString(CultureInfo.InvariantCulture)),
                new Claim("role", "USER"),
                new Claim("typ", "access"),
                new Claim("did", deviceId),
                new Claim("sid", sessionId),
            ]),
        });
}
