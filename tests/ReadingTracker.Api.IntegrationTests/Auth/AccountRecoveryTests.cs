using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

public sealed class AccountRecoveryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "n3w-p@ssword";

    [Fact]
    public async Task FindLoginId_WithMatchingEmailAndName_ReturnsTheLoginId()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/find-login-id", new { email = $"{client.LoginId.ToUpperInvariant()}@EXAMPLE.com", name = "Reader" });

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(client.LoginId, result.Text("loginId"));
        Assert.Equal($"{client.LoginId}@example.com", result.Text("email"));
    }

    [Fact]
    public async Task FindLoginId_WithWrongName_Returns404AccountNotFound()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/find-login-id", new { email = $"{client.LoginId}@example.com", name = "Someone Else" });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("ACCOUNT_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task FindLoginId_WithoutEmail_Returns400NamingTheField()
    {
        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/find-login-id", new { name = "Reader" });

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains("email", result.ErrorFields);
    }

    [Fact]
    public async Task VerifyAccount_WithWrongEmail_Returns404_AndStoresNoToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = "not-mine@example.com" });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("ACCOUNT_NOT_FOUND", result.ErrorCode);
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM password_reset_tokens WHERE user_id = @id", new { id = client.UserId }));
    }

    [Fact]
    public async Task ResetPassword_WithFreshToken_ChangesPassword_RevokesSessions_AndUsesTheToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var resetToken = await VerifyAsync(client);
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM password_reset_tokens WHERE token_hash = @resetToken", new { resetToken }));

        var reset = await ResetAsync(resetToken, NewPassword, NewPassword);

        Assert.True(reset.Ok, reset.ToString());
        Assert.Equal(client.LoginId, reset.Text("loginId"));
        Assert.False((await app.CreateApiClient().LoginAsync(client.LoginId, ApiClient.Password)).Ok);
        Assert.True((await app.CreateApiClient().LoginAsync(client.LoginId, NewPassword)).Ok);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(client.RefreshToken)).Status);
        var again = await ResetAsync(resetToken, "an0ther-p@ss", "an0ther-p@ss");
        Assert.Equal("INVALID_RESET_TOKEN", again.ErrorCode);
    }

    [Fact]
    public async Task ResetPassword_LiftsALockout()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = "wrong!pass" });
        }

        Assert.True((await ResetAsync(await VerifyAsync(client), NewPassword, NewPassword)).Ok);

        var login = await app.CreateApiClient().LoginAsync(client.LoginId, NewPassword);
        Assert.True(login.Ok, login.ToString());
        var (primary, secondary) = await app.RowsOnBothAsync("SELECT status, failed_login_count, locked_until FROM users WHERE id = @id", new { id = client.UserId });
        Assert.Equal(primary, secondary);
        Assert.Contains("\"status\":\"ACTIVE\"", primary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAccount_Again_InvalidatesTheEarlierToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var first = await VerifyAsync(client);
        var second = await VerifyAsync(client);

        Assert.Equal("INVALID_RESET_TOKEN", (await ResetAsync(first, NewPassword, NewPassword)).ErrorCode);
        Assert.True((await ResetAsync(second, NewPassword, NewPassword)).Ok);
    }

    [Theory]
    [InlineData("no-such-token")]
    [InlineData("")]
    public async Task ResetPassword_WithUnknownToken_Returns400(string token)
    {
        var result = await ResetAsync(token, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(token.Length == 0 ? "VALIDATION_FAILED" : "INVALID_RESET_TOKEN", result.ErrorCode);
    }

    [Fact]
    public async Task ResetPassword_WithMismatchedConfirmation_Returns400OnConfirmPassword_AndKeepsTheToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var token = await VerifyAsync(client);

        var result = await ResetAsync(token, NewPassword, NewPassword + "x");

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Equal(["confirmPassword"], result.ErrorFields);
        Assert.True((await ResetAsync(token, NewPassword, NewPassword)).Ok);
    }

    [Fact]
    public async Task ResetPassword_WithWeakPassword_Returns400OnNewPassword()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await ResetAsync(await VerifyAsync(client), "short", "short");

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains("newPassword", result.ErrorFields);
    }

    [Fact]
    public async Task ResetPassword_ToTheCurrentPassword_Returns400SamePassword_AndChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var token = await VerifyAsync(client);
        var before = await app.RowsOnBothAsync("SELECT * FROM users WHERE id = @id", new { id = client.UserId });

        var result = await ResetAsync(token, ApiClient.Password, ApiClient.Password);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("SAME_PASSWORD", result.ErrorCode);
        Assert.Equal(before, await app.RowsOnBothAsync("SELECT * FROM users WHERE id = @id", new { id = client.UserId }));
        Assert.True((await client.RefreshAsync(client.RefreshToken)).Ok);
    }

    private async Task<string> VerifyAsync(ApiClient client)
    {
        var verify = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = $"{client.LoginId}@example.com" });
        Assert.True(verify.Ok, verify.ToString());
        Assert.False(string.IsNullOrEmpty(verify.Text("message")));
        return verify.Text("resetToken");
    }

    private Task<ApiResult> ResetAsync(string token, string newPassword, string confirmPassword) =>
        app.CreateApiClient().PostAsync("/api/v1/auth/reset-password", new { resetToken = token, newPassword, confirmPassword });
}
