using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>Session helpers shared by the auth and users tests.</summary>
public static class AuthTestExtensions
{
    /// <summary>Logs the same user in from another device (a second client with its own tokens).</summary>
    public static async Task<ApiClient> LoginOnDeviceAsync(this AppFactory app, ApiClient user, string deviceId)
    {
        var other = app.CreateApiClient();
        var login = await other.LoginAsync(user.LoginId, ApiClient.Password, new { loginId = user.LoginId, password = ApiClient.Password, deviceId, deviceName = "Tablet", platform = "ANDROID" });
        Assert.True(login.Ok, login.ToString());
        return other;
    }

    public static Task<ApiResult> RefreshAsync(this ApiClient client, string? refreshToken) =>
        client.PostAsync("/api/v1/auth/refresh", new { refreshToken });

    public static string Text(this ApiResult result, string property) => result.Data.GetProperty(property).GetString()!;

    /// <summary>Proves a client's access token still authenticates (or no longer does).</summary>
    public static async Task<HttpStatusCode> MeStatusAsync(this ApiClient client) => (await client.GetAsync("/api/v1/users/me")).Status;
}
