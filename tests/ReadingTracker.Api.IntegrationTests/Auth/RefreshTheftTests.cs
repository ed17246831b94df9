using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>No reuse leeway, so a second presentation of a rotated token is theft without waiting.</summary>
public sealed class NoReuseLeewayAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jwt:RefreshReuseLeewaySeconds"] = "0" };
}

public sealed class RefreshTheftTests(NoReuseLeewayAppFactory app) : IClassFixture<NoReuseLeewayAppFactory>
{
    [Fact]
    public async Task Refresh_ReusingRotatedTokenAfterLeeway_Returns401Reused_AndEndsTheDeviceSessionOnBothMasters()
    {
        var victim = await app.CreateApiClient().SignUpAndLoginAsync();
        var stolen = victim.RefreshToken;
        var rotated = await victim.RefreshAsync(stolen);
        Assert.True(rotated.Ok, rotated.ToString());
        victim.UseToken(rotated.Text("accessToken"));

        var reuse = await app.CreateApiClient().RefreshAsync(stolen);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.Status);
        Assert.Equal("REFRESH_TOKEN_REUSED", reuse.ErrorCode);
        var successor = await victim.RefreshAsync(rotated.Text("refreshToken"));
        Assert.Equal(HttpStatusCode.Unauthorized, successor.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await victim.MeStatusAsync());
        var live = await app.ScalarOnBothAsync<long>(
            "SELECT COUNT(*) FROM refresh_tokens WHERE user_id = @id AND revoked_at IS NULL AND rotated_at IS NULL", new { id = victim.UserId });
        Assert.Equal((0L, 0L), live);
        var deviceRevoked = await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM user_devices WHERE user_id = @id AND revoked_at IS NOT NULL", new { id = victim.UserId });
        Assert.Equal((1L, 1L), deviceRevoked);
    }

    [Fact]
    public async Task Refresh_TheftOnOneDevice_LeavesTheUsersOtherDevicesSignedIn()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0001");
        var stolen = phone.RefreshToken;
        Assert.True((await phone.RefreshAsync(stolen)).Ok);

        Assert.Equal("REFRESH_TOKEN_REUSED", (await phone.RefreshAsync(stolen)).ErrorCode);

        Assert.Equal(HttpStatusCode.OK, await tablet.MeStatusAsync());
        Assert.True((await tablet.RefreshAsync(tablet.RefreshToken)).Ok);
    }

    [Fact]
    public async Task Login_AfterTheft_OnTheSameDevice_StartsAFreshSession()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var device = new { loginId = client.LoginId, password = ApiClient.Password, deviceId = "laptop-0001" };
        Assert.True((await client.LoginAsync(client.LoginId, ApiClient.Password, device)).Ok);
        var stolen = client.RefreshToken;
        Assert.True((await client.RefreshAsync(stolen)).Ok);
        Assert.Equal("REFRESH_TOKEN_REUSED", (await client.RefreshAsync(stolen)).ErrorCode);

        var again = await client.LoginAsync(client.LoginId, ApiClient.Password, device);

        Assert.True(again.Ok, again.ToString());
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
        Assert.True((await client.RefreshAsync(client.RefreshToken)).Ok);
    }
}
