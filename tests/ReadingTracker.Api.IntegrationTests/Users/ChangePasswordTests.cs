using System.Net;
using ReadingTracker.Api.IntegrationTests.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Users;

public sealed class ChangePasswordTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "n3w-p@ssword";
    private const string UserRowSql = "SELECT * FROM users WHERE id = @id";

    [Fact]
    public async Task ChangePassword_WithRightCurrent_SwitchesPasswords()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await ChangeAsync(client, ApiClient.Password, NewPassword, NewPassword);

        Assert.True(result.Ok, result.ToString());
        Assert.False(string.IsNullOrEmpty(result.Text("message")));
        Assert.False((await app.CreateApiClient().LoginAsync(client.LoginId, ApiClient.Password)).Ok);
        Assert.True((await app.CreateApiClient().LoginAsync(client.LoginId, NewPassword)).Ok);
    }

    [Fact]
    public async Task ChangePassword_RevokesOtherDevicesRefreshTokens_ButKeepsThisSession()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0003");

        Assert.True((await ChangeAsync(phone, ApiClient.Password, NewPassword, NewPassword)).Ok);

        var tabletRefresh = await tablet.RefreshAsync(tablet.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, tabletRefresh.Status);
        Assert.Equal(HttpStatusCode.OK, await phone.MeStatusAsync());
        Assert.True((await phone.RefreshAsync(phone.RefreshToken)).Ok);
    }

    [Fact]
    public async Task ChangePassword_WithWrongCurrent_Returns400WrongCurrentPassword_AndChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId });

        var result = await ChangeAsync(client, "not-my-p@ss", NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("WRONG_CURRENT_PASSWORD", result.ErrorCode);
        Assert.Equal(before, await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId }));
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
    }

    [Fact]
    public async Task ChangePassword_ToTheSamePassword_Returns400SamePassword()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await ChangeAsync(client, ApiClient.Password, ApiClient.Password, ApiClient.Password);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("SAME_PASSWORD", result.ErrorCode);
    }

    [Fact]
    public async Task ChangePassword_WithMismatchedConfirmation_Returns400OnConfirmPassword_AndChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId });

        var result = await ChangeAsync(client, ApiClient.Password, NewPassword, "different-p@ss");

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal(["confirmPassword"], result.ErrorFields);
        Assert.Equal(before, await app.RowsOnBothAsync(UserRowSql, new { id = client.UserId }));
    }

    [Fact]
    public async Task ChangePassword_WithMissingFields_Returns400NamingEach()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.PostAsync("/api/v1/users/me/password", new { });

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal(["confirmPassword", "currentPassword", "newPassword"], result.ErrorFields.Order());
    }

    private static Task<ApiResult> ChangeAsync(ApiClient client, string currentPassword, string newPassword, string confirmPassword) =>
        client.PostAsync("/api/v1/users/me/password", new { currentPassword, newPassword, confirmPassword });
}
