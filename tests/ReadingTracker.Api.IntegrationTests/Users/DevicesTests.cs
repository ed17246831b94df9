using System.Globalization;
using System.Net;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Users;

public sealed class DevicesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ListDevices_ShowsEachDeviceOnce_MarkingTheCurrentOne()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0004");

        var result = await tablet.GetAsync("/api/v1/users/me/devices");

        Assert.True(result.Ok, result.ToString());
        var devices = result.Data.EnumerateArray().ToList();
        Assert.Equal(2, devices.Count);
        var current = Assert.Single(devices, d => d.GetProperty("current").GetBoolean());
        Assert.Equal("tablet-0004", current.GetProperty("deviceId").GetString());
        Assert.Equal("Tablet", current.GetProperty("deviceName").GetString());
        Assert.Equal("ANDROID", current.GetProperty("platform").GetString());
        Assert.False(current.GetProperty("revoked").GetBoolean());
        Assert.True(IsWireTime(current.GetProperty("lastSeenAt")), current.ToString());
        Assert.True(IsWireTime(current.GetProperty("createdAt")), current.ToString());
    }

    [Fact]
    public async Task RevokeDevice_EndsThatDevicesSession_AndShowsItRevoked()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0005");

        var result = await phone.DeleteAsync("/api/v1/users/me/devices/tablet-0005");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, await tablet.MeStatusAsync());
        Assert.Equal("DEVICE_REVOKED", (await tablet.RefreshAsync(tablet.RefreshToken)).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, await phone.MeStatusAsync());
        var list = await phone.GetAsync("/api/v1/users/me/devices");
        var revoked = list.Data.EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == "tablet-0005");
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        var onMasters = await app.ScalarOnBothAsync<long>(
            "SELECT COUNT(*) FROM user_devices WHERE user_id = @id AND device_id = 'tablet-0005' AND revoked_at IS NOT NULL", new { id = phone.UserId });
        Assert.Equal((1L, 1L), onMasters);
    }

    [Fact]
    public async Task RevokeDevice_OfAnotherUser_Returns404_AndLeavesItSignedIn()
    {
        var owner = await app.CreateApiClient().SignUpAndLoginAsync();
        var ownersTablet = await app.LoginOnDeviceAsync(owner, "tablet-0006");
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await app.RowsOnBothAsync("SELECT * FROM user_devices WHERE user_id = @id ORDER BY id", new { id = owner.UserId });

        var result = await stranger.DeleteAsync("/api/v1/users/me/devices/tablet-0006");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("DEVICE_NOT_FOUND", result.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, await ownersTablet.MeStatusAsync());
        Assert.Equal(before, await app.RowsOnBothAsync("SELECT * FROM user_devices WHERE user_id = @id ORDER BY id", new { id = owner.UserId }));
    }

    [Fact]
    public async Task RevokeDevice_Unknown_Returns404DeviceNotFound()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.DeleteAsync("/api/v1/users/me/devices/no-such-device");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("DEVICE_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task ListDevices_WithoutToken_Returns401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateApiClient().GetAsync("/api/v1/users/me/devices")).Status);
    }

    private static bool IsWireTime(JsonElement value) =>
        DateTime.TryParseExact(value.GetString(), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
