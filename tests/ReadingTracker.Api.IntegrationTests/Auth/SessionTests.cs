using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>
/// Access tokens belong to a device session: what ends the session ends every access token issued in
/// it at once, and a new login on the same device never brings an ended one back.
/// </summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "n3w-p@ssword";

    [Fact]
    public async Task Logout_ThenLoginWithSameDevice_OldAccessTokenStaysRevoked()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var device = await app.LoginOnDeviceAsync(client, "desk-00042");
        var oldToken = device.AccessToken;
        Assert.True((await device.PostAsync("/api/v1/auth/logout")).Ok);

        var again = await app.LoginOnDeviceAsync(client, "desk-00042");

        Assert.Equal(HttpStatusCode.OK, await again.MeStatusAsync());
        device.UseToken(oldToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await device.MeStatusAsync());
    }

    [Fact]
    public async Task DeviceRevoke_ThenLoginWithSameDevice_OldAccessTokenStaysRevoked()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0042");
        Assert.True((await phone.DeleteAsync("/api/v1/users/me/devices/tablet-0042")).Ok);
        Assert.Equal(HttpStatusCode.Unauthorized, await tablet.MeStatusAsync());

        var again = await app.LoginOnDeviceAsync(phone, "tablet-0042");

        Assert.Equal(HttpStatusCode.OK, await again.MeStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await tablet.MeStatusAsync());
    }

    [Fact]
    public async Task Login_AgainWithSameDevice_EndsTheEarlierSessionsTokens()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var first = await app.LoginOnDeviceAsync(client, "laptop-0042");

        var second = await app.LoginOnDeviceAsync(client, "laptop-0042");

        Assert.Equal(HttpStatusCode.OK, await second.MeStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await first.MeStatusAsync());
        var refresh = await first.RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.Status);
        Assert.Equal("SESSION_ENDED", refresh.ErrorCode);
        Assert.True((await second.RefreshAsync(second.RefreshToken)).Ok);
    }

    [Fact]
    public async Task PasswordChange_EndsOtherDevicesAccessTokensAtOnce_AndKeepsThisDevice()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0043");
        Assert.Equal(HttpStatusCode.OK, await tablet.MeStatusAsync());

        var change = await phone.PostAsync("/api/v1/users/me/password",
            new { currentPassword = ApiClient.Password, newPassword = NewPassword, confirmPassword = NewPassword });

        Assert.True(change.Ok, change.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, await tablet.MeStatusAsync());
        Assert.Equal("SESSION_ENDED", (await tablet.RefreshAsync(tablet.RefreshToken)).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, await phone.MeStatusAsync());
        Assert.True((await phone.RefreshAsync(phone.RefreshToken)).Ok);
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task Refresh_RotatesWithinTheSession_SoTheNewAccessTokenWorks()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var refresh = await client.RefreshAsync(client.RefreshToken);

        Assert.True(refresh.Ok, refresh.ToString());
        client.UseToken(refresh.Text("accessToken"));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
    }

    [Fact]
    public async Task RefreshToken_FromBeforeSessions_StartsOne()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        // The state a device and its token were in before the session column existed.
        await app.ExecuteOnBothAsync("UPDATE user_devices SET session_id = NULL WHERE user_id = @id", new { id = client.UserId });
        await app.ExecuteOnBothAsync("UPDATE refresh_tokens SET session_id = NULL WHERE user_id = @id", new { id = client.UserId });
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync());

        var refresh = await client.RefreshAsync(client.RefreshToken);

        Assert.True(refresh.Ok, refresh.ToString());
        client.UseToken(refresh.Text("accessToken"));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
        await MasterSql.AssertMastersIdenticalAsync(app);
    }
}
