using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>Account recovery by mail: links and login ids go to the account's address, never into a response.</summary>
public sealed class AccountRecoveryTests(MailPickupAppFactory app) : IClassFixture<MailPickupAppFactory>
{
    private const string NewPassword = "n3w-p@ssword";

    [Fact]
    public async Task VerifyAccount_NeverReturnsAResetToken_AndMailsAWorkingLink()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var verify = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = Address(client) });

        Assert.True(verify.Ok, verify.ToString());
        Assert.Equal(["message"], verify.Data.EnumerateObject().Select(p => p.Name));
        var mail = Assert.Single(await app.MailsToAsync(Address(client)));
        Assert.StartsWith("https://reading.example.com/app/#/reset?token=", MailPickup.ResetLink(mail), StringComparison.Ordinal);
        Assert.DoesNotContain(MailPickup.ResetToken(mail), verify.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetLink_FromTheMailedEml_ResetsThePassword_EndToEnd()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = Address(client) })).Ok);
        var token = MailPickup.ResetToken(Assert.Single(await app.MailsToAsync(Address(client))));

        var reset = await ResetAsync(token, NewPassword, NewPassword);

        Assert.True(reset.Ok, reset.ToString());
        var login = await app.CreateApiClient().LoginAsync(client.LoginId, NewPassword);
        Assert.True(login.Ok, login.ToString());
        Assert.Equal("INVALID_RESET_TOKEN", (await ResetAsync(token, "an0ther-p@ss", "an0ther-p@ss")).ErrorCode);
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task VerifyAccount_ForNoSuchAccount_AnswersTheSameNeutralMessage_AndMailsNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var known = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = Address(client) });

        var wrongEmail = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = "not-mine@example.com" });
        var unknownUser = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = "nobody_" + client.LoginId[..8], email = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.OK, wrongEmail.Status);
        Assert.Equal(known.Body.GetRawText(), wrongEmail.Body.GetRawText());
        Assert.Equal(known.Body.GetRawText(), unknownUser.Body.GetRawText());
        Assert.Empty(await app.MailsSoFarAsync("not-mine@example.com"));
        Assert.Single(await app.MailsSoFarAsync(Address(client)));
    }

    [Fact]
    public async Task FindLoginId_NeverReturnsTheLoginId_AndMailsIt_WithTheSameAnswerForNoSuchAccount()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var found = await app.CreateApiClient().PostAsync("/api/v1/auth/find-login-id", new { email = Address(client).ToUpperInvariant(), name = "Reader" });
        var unknown = await app.CreateApiClient().PostAsync("/api/v1/auth/find-login-id", new { email = Address(client), name = "Someone Else" });

        Assert.True(found.Ok, found.ToString());
        Assert.DoesNotContain(client.LoginId, found.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(found.Body.GetRawText(), unknown.Body.GetRawText());
        var mail = Assert.Single(await app.MailsToAsync(Address(client)));
        Assert.Contains(client.LoginId, mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await app.MailsSoFarAsync(Address(client)));
    }

    [Fact]
    public async Task RecoveryMail_IsInTheRequestsLanguage()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var english = app.CreateApiClient();
        english.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var answer = await english.PostAsync("/api/v1/auth/find-login-id", new { email = Address(client), name = "Reader" });

        Assert.StartsWith("If these details match", answer.Text("message"), StringComparison.Ordinal);
        Assert.Contains("login id", Assert.Single(await app.MailsToAsync(Address(client))).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_EndsEveryAccessTokenAtOnce()
    {
        var phone = await app.CreateApiClient().SignUpAndLoginAsync();
        var tablet = await app.LoginOnDeviceAsync(phone, "tablet-0044");

        Assert.True((await ResetAsync(await VerifyAsync(phone), NewPassword, NewPassword)).Ok);

        Assert.Equal(HttpStatusCode.Unauthorized, await phone.MeStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await tablet.MeStatusAsync());
        Assert.Equal("SESSION_ENDED", (await tablet.RefreshAsync(tablet.RefreshToken)).ErrorCode);
    }

    [Fact]
    public async Task FindLoginId_WithoutEmail_Returns400NamingTheField()
    {
        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/find-login-id", new { name = "Reader" });

        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains("email", result.ErrorFields);
    }

    [Fact]
    public async Task ResetPassword_WithFreshToken_ChangesPassword_RevokesSessions_AndUsesTheToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var resetToken = await VerifyAsync(client);
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM password_reset_tokens WHERE token_hash = @resetToken", new { resetToken }));
        Assert.Equal((1L, 1L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM password_reset_tokens WHERE user_id = @id", new { id = client.UserId }));

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
        var second = await VerifyAsync(client, mailNumber: 2);

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

    private static string Address(ApiClient client) => $"{client.LoginId}@example.com";

    /// <summary>Asks for a reset link and reads its token from the mail (the n-th mail to this user).</summary>
    private async Task<string> VerifyAsync(ApiClient client, int mailNumber = 1)
    {
        var verify = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = Address(client) });
        Assert.True(verify.Ok, verify.ToString());
        Assert.False(string.IsNullOrEmpty(verify.Text("message")));
        return MailPickup.ResetToken((await app.MailsToAsync(Address(client), mailNumber))[mailNumber - 1]);
    }

    private Task<ApiResult> ResetAsync(string token, string newPassword, string confirmPassword) =>
        app.CreateApiClient().PostAsync("/api/v1/auth/reset-password", new { resetToken = token, newPassword, confirmPassword });
}
