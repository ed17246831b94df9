using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReadingTracker.Api.Housekeeping;
using ReadingTracker.Api.IntegrationTests.Auth;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Housekeeping;

/// <summary>
/// Idempotency keys in the masters, on a clock the test moves. The workers' own timers are set far beyond
/// what the test advances, so only the test runs passes; a batch of 2 makes every purge take several writes.
/// </summary>
public sealed class HousekeepingFactory : AppFactory
{
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Housekeeping:IntervalMinutes"] = "40000",
        ["Housekeeping:BatchSize"] = "2",
        ["Recovery:IntervalSeconds"] = "2400000",
        // verify-account makes a reset token only when a mail can carry it.
        ["Email:PickupDirectory"] = "mail",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class HousekeepingTests(HousekeepingFactory app) : IClassFixture<HousekeepingFactory>
{
    private const string KeysOf = "SELECT COUNT(*) FROM idempotency_keys WHERE created_at >= @since";
    private const string RefreshTokensOf = "SELECT COUNT(*) FROM refresh_tokens WHERE user_id = @id";
    private const string ResetTokensOf = "SELECT COUNT(*) FROM password_reset_tokens WHERE user_id = @id";

    [Fact]
    public async Task ExpiredKeysGoAfterTheirLifetime_ExpiredTokensAWeekLater_FromBothMasters_LiveRowsStay()
    {
        var since = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        for (var i = 0; i < 5; i++)
        {
            var shelved = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/user/books")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { title = $"Kept {i}", author = "A", category = "ToRead" }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            });
            Assert.True(shelved.Ok, shelved.ToString());
        }

        var verify = await client.PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = $"{client.LoginId}@example.com" });
        Assert.True(verify.Ok, verify.ToString());
        var pass = app.Services.GetRequiredService<HousekeepingPass>();

        // Nothing has expired yet.
        Assert.Equal(0, (await pass.RunOnceAsync(CancellationToken.None)).Purged["idempotency_keys"]);
        Assert.Equal((5L, 5L), await app.ScalarOnBothAsync<long>(KeysOf, new { since }));

        // A day on, the keys are past their lifetime; the refresh token (7 days) is still good.
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var day = await pass.RunOnceAsync(CancellationToken.None);
        Assert.True(day.Purged["idempotency_keys"] >= 5, string.Join(", ", day.Purged));
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>(KeysOf, new { since }));
        Assert.Equal((1L, 1L), await app.ScalarOnBothAsync<long>(RefreshTokensOf, new { id = client.UserId }));
        Assert.Equal((1L, 1L), await app.ScalarOnBothAsync<long>(ResetTokensOf, new { id = client.UserId }));

        // Two weeks on, both tokens have been expired for a week: they go. A login now makes a token that stays.
        app.Clock.Advance(TimeSpan.FromDays(13));
        var fresh = await client.LoginAsync(client.LoginId, ApiClient.Password);
        Assert.True(fresh.Ok, fresh.ToString());
        var weeks = await pass.RunOnceAsync(CancellationToken.None);
        Assert.True(weeks.Purged["refresh_tokens"] >= 1 && weeks.Purged["password_reset_tokens"] >= 1, string.Join(", ", weeks.Purged));
        Assert.Equal((1L, 1L), await app.ScalarOnBothAsync<long>(RefreshTokensOf, new { id = client.UserId }));
        Assert.Equal((0L, 0L), await app.ScalarOnBothAsync<long>(ResetTokensOf, new { id = client.UserId }));

        // The reader's data is untouched, and the fresh token still works.
        var shelf = await client.GetAsync("/api/v1/user/books");
        Assert.True(shelf.Ok, shelf.ToString());
        Assert.Equal(5, shelf.Data.GetProperty("totalCount").GetInt32());
        Assert.True((await client.RefreshAsync(client.RefreshToken)).Ok);
        await MasterSql.AssertMastersIdenticalAsync(app);
        var metrics = await (await app.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("rt_housekeeping_purged_total{table=\"idempotency_keys\"}", metrics, StringComparison.Ordinal);
    }
}
