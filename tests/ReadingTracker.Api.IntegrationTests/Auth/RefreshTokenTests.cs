using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

public sealed class RefreshTokenTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Refresh_WithCurrentToken_ReturnsNewPairForTheSameDevice_AndRotatesTheOldOneOnBothMasters()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var old = client.RefreshToken!;

        var result = await client.RefreshAsync(old);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("Bearer", result.Text("tokenType"));
        Assert.Equal(3600, result.Data.GetProperty("expiresIn").GetInt32());
        Assert.NotEqual(old, result.Text("refreshToken"));
        var deviceId = result.Text("deviceId");
        client.UseToken(result.Text("accessToken"));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());

        var (primary, secondary) = await app.RowsOnBothAsync(
            "SELECT device_id, rotated_at IS NOT NULL AS rotated, revoked_at FROM refresh_tokens WHERE user_id = @id ORDER BY created_at, id", new { id = client.UserId });
        Assert.Equal(primary, secondary);
        Assert.Contains("\"rotated\":\"1\"", primary, StringComparison.Ordinal);
        Assert.Contains(deviceId, primary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_StoresOnlyTheTokensHash_AndTouchesDeviceLastSeen()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await app.ScalarOnBothAsync<long>("SELECT last_seen_at FROM user_devices WHERE user_id = @id", new { id = client.UserId });
        await Task.Delay(5);

        var result = await client.RefreshAsync(client.RefreshToken);

        Assert.True(result.Ok, result.ToString());
        var plain = await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = @t", new { t = result.Text("refreshToken") });
        Assert.Equal((0L, 0L), plain);
        var after = await app.ScalarOnBothAsync<long>("SELECT last_seen_at FROM user_devices WHERE user_id = @id", new { id = client.UserId });
        Assert.Equal(after.Primary, after.Secondary);
        Assert.True(after.Primary > before.Primary, $"{before} -> {after}");
    }

    [Fact]
    public async Task Refresh_SameTokenTwiceWithinLeeway_GivesBothTabsAValidPair()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var shared = client.RefreshToken;

        var first = await client.RefreshAsync(shared);
        var second = await client.RefreshAsync(shared);

        Assert.True(first.Ok, first.ToString());
        Assert.True(second.Ok, second.ToString());
        Assert.NotEqual(first.Text("refreshToken"), second.Text("refreshToken"));
        Assert.True((await client.RefreshAsync(first.Text("refreshToken"))).Ok);
        Assert.True((await client.RefreshAsync(second.Text("refreshToken"))).Ok);
        var revoked = await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = @id AND revoked_at IS NOT NULL", new { id = client.UserId });
        Assert.Equal((0L, 0L), revoked);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    public async Task Refresh_WithUnknownOrGarbledToken_Returns401InvalidRefreshToken(string token)
    {
        var result = await app.CreateApiClient().RefreshAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("INVALID_REFRESH_TOKEN", result.ErrorCode);
    }

    [Fact]
    public async Task Refresh_WithoutToken_Returns400NamingTheField()
    {
        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/refresh", new { });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains("refreshToken", result.ErrorFields);
    }

    [Fact]
    public async Task Refresh_ForLockedAccount_Returns403AccountLocked_AndRotatesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = "wrong!pass" });
        }

        var result = await client.RefreshAsync(client.RefreshToken);

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal("ACCOUNT_LOCKED", result.ErrorCode);
        var rotated = await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = @id AND rotated_at IS NOT NULL", new { id = client.UserId });
        Assert.Equal((0L, 0L), rotated);
    }

    [Fact]
    public async Task Refresh_ForDeletedAccount_Returns403AccountDeleted()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        await app.ExecuteOnBothAsync("UPDATE users SET status = 'DELETED' WHERE id = @id", new { id = client.UserId });

        var result = await client.RefreshAsync(client.RefreshToken);

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal("ACCOUNT_DELETED", result.ErrorCode);
    }
}
