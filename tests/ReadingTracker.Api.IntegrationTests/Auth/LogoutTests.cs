using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

public sealed class LogoutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Logout_StopsThisDevicesAccessToken_WithWwwAuthenticate()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());

        var logout = await client.PostAsync("/api/v1/auth/logout");

        Assert.True(logout.Ok, logout.ToString());
        Assert.False(string.IsNullOrEmpty(logout.Text("message")));
        var me = await client.GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
        Assert.Contains(me.Response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Logout_RevokesThisDevicesRefreshTokens_AndTheDeviceOnBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        Assert.True((await client.PostAsync("/api/v1/auth/logout")).Ok);

        var refresh = await client.RefreshAsync(client.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.Status);
        Assert.Equal("DEVICE_REVOKED", refresh.ErrorCode);
        var (primary, secondary) = await app.RowsOnBothAsync(
            "SELECT d.revoked_at AS device_revoked, t.revoked_at AS token_revoked FROM user_devices d JOIN refresh_tokens t ON t.user_id = d.user_id AND t.device_id = d.device_id WHERE d.user_id = @id",
            new { id = client.UserId });
        Assert.Equal(primary, secondary);
        Assert.DoesNotContain("null", primary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_LeavesTheUsersOtherDevicesSignedIn()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0002");

        Assert.True((await phone.PostAsync("/api/v1/auth/logout")).Ok);

        Assert.Equal(HttpStatusCode.OK, await tablet.MeStatusAsync());
        Assert.True((await tablet.RefreshAsync(tablet.RefreshToken)).Ok);
    }

    [Fact]
    public async Task Logout_WithoutToken_Returns401()
    {
        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/logout");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("UNAUTHORIZED", result.ErrorCode);
    }

    [Fact]
    public async Task Login_AgainOnALoggedOutDevice_RestoresIt()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var device = new { loginId = client.LoginId, password = ApiClient.Password, deviceId = "desk-00001" };
        Assert.True((await client.LoginAsync(client.LoginId, ApiClient.Password, device)).Ok);
        Assert.True((await client.PostAsync("/api/v1/auth/logout")).Ok);

        Assert.True((await client.LoginAsync(client.LoginId, ApiClient.Password, device)).Ok);

        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
        Assert.True((await client.RefreshAsync(client.RefreshToken)).Ok);
    }
}
