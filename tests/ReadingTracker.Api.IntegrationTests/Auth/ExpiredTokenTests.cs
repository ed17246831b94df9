using System.Net;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>Refresh and reset tokens that are born expired, so expiry is tested without waiting.</summary>
public sealed class ZeroLifetimeTokensAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jwt:RefreshTokenDays"] = "0",
        ["Auth:ResetTokenMinutes"] = "0",
    };
}

public sealed class ExpiredTokenTests(ZeroLifetimeTokensAppFactory app) : IClassFixture<ZeroLifetimeTokensAppFactory>
{
    [Fact]
    public async Task Refresh_WithExpiredToken_Returns401RefreshTokenExpired_AndIssuesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.RefreshAsync(client.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal("REFRESH_TOKEN_EXPIRED", result.ErrorCode);
        var tokens = await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = @id", new { id = client.UserId });
        Assert.Equal((1L, 1L), tokens);
    }

    [Fact]
    public async Task ResetPassword_WithExpiredResetToken_Returns400InvalidResetToken_AndKeepsThePassword()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var link = new StringWriter();
        Assert.Equal(0, await UsersCommand.RunAsync(app.Services, ["users", "reset-link", "--login-id", client.LoginId], link, new StringWriter()));
        var resetToken = link.ToString().Trim().Split("token=")[1];

        var reset = await client.PostAsync("/api/v1/auth/reset-password",
            new { resetToken, newPassword = "n3w-p@ssword", confirmPassword = "n3w-p@ssword" });

        Assert.Equal(HttpStatusCode.BadRequest, reset.Status);
        Assert.Equal("INVALID_RESET_TOKEN", reset.ErrorCode);
        Assert.True((await app.CreateApiClient().LoginAsync(client.LoginId, ApiClient.Password)).Ok);
    }
}
