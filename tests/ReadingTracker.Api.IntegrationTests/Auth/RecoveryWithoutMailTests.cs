using ReadingTracker.Api.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>With no mail configured, recovery answers the same neutral message and the operator prints a link.</summary>
public sealed class RecoveryWithoutMailTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "n3w-p@ssword";

    [Fact]
    public async Task VerifyAccount_WithoutMail_AnswersNeutrally_AndMakesNoToken()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var verify = await app.CreateApiClient().PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = $"{client.LoginId}@example.com" });

        Assert.True(verify.Ok, verify.ToString());
        Assert.Equal(["message"], verify.Data.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM password_reset_tokens WHERE user_id = @id", new { id = client.UserId }));
    }

    [Fact]
    public async Task UsersResetLinkCommand_PrintsAOneTimeLinkThatResetsThePassword()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var output = new StringWriter();

        var exit = await UsersCommand.RunAsync(app.Services, ["users", "reset-link", "--login-id", client.LoginId], output, new StringWriter());

        Assert.Equal(0, exit);
        var link = output.ToString().Trim();
        Assert.StartsWith("http://localhost:8080/#/reset?token=", link, StringComparison.Ordinal);
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var reset = await app.CreateApiClient().PostAsync("/api/v1/auth/reset-password", new { resetToken = token, newPassword = NewPassword, confirmPassword = NewPassword });
        Assert.True(reset.Ok, reset.ToString());
        Assert.True((await app.CreateApiClient().LoginAsync(client.LoginId, NewPassword)).Ok);
        var again = await app.CreateApiClient().PostAsync("/api/v1/auth/reset-password", new { resetToken = token, newPassword = "an0ther-p@ss", confirmPassword = "an0ther-p@ss" });
        Assert.Equal("INVALID_RESET_TOKEN", again.ErrorCode);
    }

    [Fact]
    public async Task UsersResetLinkCommand_ForNoSuchAccount_ExitsWith1()
    {
        _ = app.CreateApiClient();
        var errors = new StringWriter();

        var exit = await UsersCommand.RunAsync(app.Services, ["users", "reset-link", "--login-id", "nobody_at_all"], new StringWriter(), errors);

        Assert.Equal(1, exit);
        Assert.Contains("nobody_at_all", errors.ToString(), StringComparison.Ordinal);
    }
}
