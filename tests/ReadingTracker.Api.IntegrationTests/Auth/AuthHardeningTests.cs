using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.IntegrationTests.Idempotency;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>Small budgets, so the throttles of signup and the duplicate checks are reached in a test.</summary>
public sealed class TightSignupLimitsAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:SignupPermitsPerMinute"] = "2",
        ["Auth:DuplicateCheckPermitsPerMinute"] = "3",
    };
}

public sealed class SignupThrottleTests(TightSignupLimitsAppFactory app) : IClassFixture<TightSignupLimitsAppFactory>
{
    [Fact]
    public async Task Signup_BeyondItsRate_Returns429_AndCreatesNothing()
    {
        var client = app.CreateApiClient();
        for (var i = 0; i < 2; i++)
        {
            var loginId = "thr" + Guid.NewGuid().ToString("N")[..10];
            Assert.True((await client.PostAsync("/api/v1/auth/signup", new { loginId, email = $"{loginId}@example.com", name = "R", password = ApiClient.Password })).Ok);
        }

        var extra = "thr" + Guid.NewGuid().ToString("N")[..10];
        var result = await client.PostAsync("/api/v1/auth/signup", new { loginId = extra, email = $"{extra}@example.com", name = "R", password = ApiClient.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, result.Status);
        Assert.Equal("TOO_MANY_SIGNUPS", result.ErrorCode);
        Assert.NotNull(result.Response.Headers.RetryAfter);
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM users WHERE login_id = @extra", new { extra }));
    }

    [Fact]
    public async Task DuplicateChecks_BeyondTheirRate_Return429()
    {
        var client = app.CreateApiClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync($"/api/v1/users/duplicate/{(i % 2 == 0 ? "loginId" : "email")}?value=someone{i}")).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}

/// <summary>Real-strength password hashing, so a skipped hash shows in the time an answer takes.</summary>
public sealed class SlowHashAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:PasswordHashIterations"] = "200000" };
}

public sealed class LoginTimingTests(SlowHashAppFactory app) : IClassFixture<SlowHashAppFactory>
{
    [Fact]
    public async Task Login_UnknownUser_CostsAPasswordHash_LikeAWrongPassword()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var anonymous = app.CreateApiClient();
        await anonymous.PostAsync("/api/v1/auth/login", new { loginId = "warm_up_only", password = "wrong!pass" });
        var hasher = new PasswordHasher(Options.Create(new AuthOptions { PasswordHashIterations = 200_000 }));
        var stored = hasher.Hash("some-password!");

        var unknown = new List<double>();
        var wrong = new List<double>();
        var lookup = new List<double>();
        var hash = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            unknown.Add(await TimeAsync(() => anonymous.PostAsync("/api/v1/auth/login", new { loginId = "nobody_" + i, password = "wrong!pass" }), "USER_NOT_FOUND"));
            wrong.Add(await TimeAsync(() => anonymous.PostAsync("/api/v1/auth/login", new { loginId = client.LoginId, password = "wrong!pass" }), "INVALID_PASSWORD"));
            lookup.Add(await TimeAsync(() => anonymous.GetAsync("/api/v1/users/duplicate/loginId?value=nobody_" + i), null));
            var watch = Stopwatch.StartNew();
            hasher.Verify("wrong!pass", stored);
            hash.Add(watch.Elapsed.TotalMilliseconds);
        }

        // The same user lookup without a login (the duplicate check) is the baseline: a missing user must cost
        // a hash on top of it. Medians for requests; the fastest hash, as load only ever adds to it. A wrong
        // password also writes the failure count to both masters, which a missing user cannot.
        var (u, w, d, h) = (unknown.Order().ElementAt(1), wrong.Order().ElementAt(1), lookup.Order().ElementAt(1), hash.Min());
        Assert.True(u - d >= h * 0.3, $"unknown user {u:F0} ms, lookup alone {d:F0} ms, one hash {h:F0} ms (wrong password {w:F0} ms)");
    }

    private static async Task<double> TimeAsync(Func<Task<ApiResult>> send, string? expectedCode)
    {
        var watch = Stopwatch.StartNew();
        var result = await send();
        watch.Stop();
        Assert.Equal(expectedCode, result.ErrorCode);
        return watch.Elapsed.TotalMilliseconds;
    }
}

public sealed class AuthCachingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EveryAuthResponse_IsNoStore()
    {
        var loginId = "ns" + Guid.NewGuid().ToString("N")[..12];
        var client = app.CreateApiClient();
        var responses = new List<(string Name, ApiResult Result)>
        {
            ("signup", await client.PostAsync("/api/v1/auth/signup", new { loginId, email = $"{loginId}@example.com", name = "R", password = ApiClient.Password })),
            ("login", await client.LoginAsync(loginId, ApiClient.Password)),
            ("wrong login", await app.CreateApiClient().PostAsync("/api/v1/auth/login", new { loginId, password = "wrong!pass" })),
            ("refresh", await client.RefreshAsync(client.RefreshToken)),
            ("me", await client.GetAsync("/api/v1/users/me")),
            ("devices", await client.GetAsync("/api/v1/users/me/devices")),
            ("duplicate", await client.GetAsync($"/api/v1/users/duplicate/loginId?value={loginId}")),
            ("verify-account", await client.PostAsync("/api/v1/auth/verify-account", new { loginId, email = $"{loginId}@example.com" })),
            ("find-login-id", await client.PostAsync("/api/v1/auth/find-login-id", new { email = $"{loginId}@example.com", name = "R" })),
            ("reset-password", await client.PostAsync("/api/v1/auth/reset-password", new { resetToken = "x", newPassword = "n3w-p@ssword", confirmPassword = "n3w-p@ssword" })),
            ("logout", await client.PostAsync("/api/v1/auth/logout")),
            ("me after logout", await client.GetAsync("/api/v1/users/me")),
        };

        Assert.All(responses, r => Assert.True(r.Result.Response.Headers.CacheControl?.NoStore == true, $"{r.Name}: {r.Result.Response.Headers.CacheControl}"));
    }
}

/// <summary>Keys in the masters; this class alone sends keys to this pair, so any stored row came from an auth endpoint.</summary>
public sealed class AuthOutsideIdempotencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Login_WithIdempotencyKey_StoresNoTokenAnywhere()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var first = await LoginWithKeyAsync(app, client, "login-key-1");
        var second = await LoginWithKeyAsync(app, client, "login-key-1");
        var refresh = await SendWithKeyAsync(app.CreateApiClient(), "/api/v1/auth/refresh", new { refreshToken = first.Text("refreshToken") }, "refresh-key-1");
        var verify = await SendWithKeyAsync(app.CreateApiClient(), "/api/v1/auth/verify-account", new { loginId = client.LoginId, email = $"{client.LoginId}@example.com" }, "verify-key-1");

        Assert.True(first.Ok && second.Ok && refresh.Ok && verify.Ok, $"{first} {second} {refresh} {verify}");
        Assert.False(second.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.Text("refreshToken"), second.Text("refreshToken"));
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>("SELECT COUNT(*) FROM idempotency_keys"));
    }

    internal static Task<ApiResult> LoginWithKeyAsync(AppFactory app, ApiClient user, string key) =>
        SendWithKeyAsync(app.CreateApiClient(), "/api/v1/auth/login", new { loginId = user.LoginId, password = ApiClient.Password }, key);

    internal static Task<ApiResult> SendWithKeyAsync(ApiClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key + Guid.NewGuid().ToString("N")[..6]);
        return client.SendAsync(request);
    }
}

/// <summary>
/// Keys in the real Redis (RT_REDIS) with the default lifetime, so nothing expires while the test looks.
/// Given as a host setting: the store is chosen while Program.cs builds the services, before the
/// factory's app configuration is visible (an app-configuration value alone leaves the keys in the masters).
/// </summary>
public sealed class RedisKeysDefaultLifetimeFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Redis", RedisKeysFactory.Redis);
    }
}

public sealed class AuthOutsideRedisIdempotencyTests(RedisKeysDefaultLifetimeFactory app) : IClassFixture<RedisKeysDefaultLifetimeFactory>
{
    [Fact]
    public async Task Login_WithIdempotencyKey_StoresNoTokenInRedis()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var marker = "Kept in Redis " + Guid.NewGuid().ToString("N");
        var shelved = await AuthOutsideIdempotencyTests.SendWithKeyAsync(client, "/api/v1/user/books", new { title = marker, author = "A", category = "ToRead" }, "shelf-key");
        Assert.True(shelved.Ok, shelved.ToString());

        var login = await AuthOutsideIdempotencyTests.LoginWithKeyAsync(app, client, "redis-login-key");

        Assert.True(login.Ok, login.ToString());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisKeysFactory.Redis);
        var database = redis.GetDatabase();
        var values = new List<string>();
        foreach (var key in redis.GetServers().Single().Keys(pattern: "idempotency:*"))
        {
            values.Add((string?)await database.StringGetAsync(key) ?? "");
        }

        // The shelf write's key is there, so the search would have found the login's.
        Assert.Contains(values, v => v.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains(login.Text("refreshToken"), StringComparison.Ordinal) || v.Contains(login.Text("accessToken"), StringComparison.Ordinal));
    }
}
