using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

public sealed class SignupAndLoginTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Signup_ThenLogin_ReturnsTokenPairForANamedDevice()
    {
        var client = app.CreateApiClient();
        var loginId = "reader_" + Guid.NewGuid().ToString("N")[..8];
        var signup = await client.PostAsync("/api/v1/auth/signup", new { loginId, email = $"{loginId}@example.com", name = "Reader", password = ApiClient.Password });
        Assert.True(signup.Ok, signup.ToString());
        Assert.Equal(loginId, signup.Data.GetProperty("loginId").GetString());
        Assert.Equal("USER", signup.Data.GetProperty("role").GetString());

        var login = await client.LoginAsync(loginId, ApiClient.Password, new { loginId, password = ApiClient.Password, deviceId = "phone-0001", deviceName = "My phone" });
        Assert.True(login.Ok, login.ToString());
        Assert.Equal("Bearer", login.Data.GetProperty("tokenType").GetString());
        Assert.Equal(3600, login.Data.GetProperty("expiresIn").GetInt32());
        Assert.Equal("phone-0001", login.Data.GetProperty("deviceId").GetString());
        Assert.False(string.IsNullOrEmpty(login.Data.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task Signup_WithTakenLoginId_Returns409DuplicateLoginId_AndKeepsOneUser()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var again = await client.PostAsync("/api/v1/auth/signup", new { loginId = client.LoginId, email = "other" + client.LoginId + "@example.com", name = "X", password = ApiClient.Password });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("DUPLICATE_LOGIN_ID", again.ErrorCode);

        var taken = await client.GetAsync($"/api/v1/users/duplicate/loginId?value={client.LoginId}");
        Assert.True(taken.Ok, taken.ToString());
        Assert.True(taken.Data.GetBoolean());
    }

    [Fact]
    public async Task Signup_WithMalformedJson_Returns400ValidationFailed()
    {
        var result = await app.CreateApiClient().SendRawAsync(HttpMethod.Post, "/api/v1/auth/signup", "{\"loginId\": ");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
    }

    [Fact]
    public async Task Signup_WithWeakPassword_NamesThePasswordField()
    {
        var result = await app.CreateApiClient().PostAsync("/api/v1/auth/signup", new { loginId = "weak_pw_user", email = "weak@example.com", name = "W", password = "abcdefgh" });
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("password", result.ErrorFields);
    }

    [Fact]
    public async Task Login_WithWrongPasswordFiveTimes_LocksTheAccount()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await client.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = "wrong!pass" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal("INVALID_PASSWORD", wrong.ErrorCode);
        }

        var fifth = await client.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = "wrong!pass" });
        Assert.Equal("ACCOUNT_LOCKED", fifth.ErrorCode);
        var correct = await client.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = ApiClient.Password });
        Assert.Equal(HttpStatusCode.Forbidden, correct.Status);
        Assert.Equal("ACCOUNT_LOCKED", correct.ErrorCode);
    }
}
