using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>
/// The limit at eleven: every one of eleven concurrent guesses passes the "locked?" check before any of
/// them can lock, so each must be counted, and the last one locks.
/// </summary>
public sealed class ElevenGuessesAppFactory : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:MaxFailedLogins"] = "11" };
}

public sealed class ConcurrentGuessTests(ElevenGuessesAppFactory app) : IClassFixture<ElevenGuessesAppFactory>
{
    [Fact]
    public async Task Login_ElevenConcurrentWrongPasswords_CountEachAndLock()
    {
        var victim = await app.CreateApiClient().SignUpAndLoginAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(0, 11).Select(i =>
            app.CreateApiClient().PostAsync("/api/v1/auth/login", new { loginId = victim.LoginId, password = $"guess-{i}!" })));

        Assert.All(guesses, g => Assert.Contains(g.ErrorCode, new[] { "INVALID_PASSWORD", "ACCOUNT_LOCKED" }));
        Assert.Contains(guesses, g => g.ErrorCode == "ACCOUNT_LOCKED");
        Assert.Equal((11L, 11L), await app.ScalarOnBothAsync<long>("SELECT failed_login_count FROM users WHERE id = @id", new { id = victim.UserId }));
        Assert.Equal(("LOCKED", "LOCKED"), await app.ScalarOnBothAsync<string>("SELECT status FROM users WHERE id = @id", new { id = victim.UserId }));
        var right = await app.CreateApiClient().LoginAsync(victim.LoginId, ApiClient.Password);
        Assert.Equal(HttpStatusCode.Forbidden, right.Status);
        Assert.Equal("ACCOUNT_LOCKED", right.ErrorCode);
    }

    /// <summary>
    /// Guards the lapse race: each concurrent guess that saw the lapsed lock used to reset the count to zero before
    /// adding its own one, so a burst of any size after a lapse ended at a count of 1 and never locked.
    /// </summary>
    [Fact]
    public async Task Login_ConcurrentWrongPasswordsAfterALapsedLock_ResetTheCountOnce_AndEachCounts()
    {
        var victim = await app.CreateApiClient().SignUpAndLoginAsync();
        await app.ExecuteOnBothAsync("UPDATE users SET status = 'LOCKED', failed_login_count = 5, locked_until = 1 WHERE id = @id", new { id = victim.UserId });

        await Task.WhenAll(Enumerable.Range(0, 11).Select(i =>
            app.CreateApiClient().PostAsync("/api/v1/auth/login", new { loginId = victim.LoginId, password = $"guess-{i}!" })));

        // Primary decides the lock, and on Primary the guarded reset applies once. Secondary applies the same batches
        // in its own commit order, where an increment may land before the reset (ADR-007): its count may differ.
        var (primary, _) = await app.ScalarOnBothAsync<long>("SELECT failed_login_count FROM users WHERE id = @id", new { id = victim.UserId });
        Assert.Equal(11L, primary);
        Assert.Equal(("LOCKED", "LOCKED"), await app.ScalarOnBothAsync<string>("SELECT status FROM users WHERE id = @id", new { id = victim.UserId }));
    }
}

public sealed class DefaultLockoutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Login_TwentyConcurrentWrongPasswords_LockTheAccountOnBothMasters()
    {
        var victim = await app.CreateApiClient().SignUpAndLoginAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            app.CreateApiClient().PostAsync("/api/v1/auth/login", new { loginId = victim.LoginId, password = $"guess-{i}!" })));

        var (primary, secondary) = await app.ScalarOnBothAsync<long>("SELECT failed_login_count FROM users WHERE id = @id", new { id = victim.UserId });
        Assert.Equal(primary, secondary);
        Assert.InRange(primary, 5, 20);
        Assert.Equal(("LOCKED", "LOCKED"), await app.ScalarOnBothAsync<string>("SELECT status FROM users WHERE id = @id", new { id = victim.UserId }));
        Assert.Equal("ACCOUNT_LOCKED", (await app.CreateApiClient().LoginAsync(victim.LoginId, ApiClient.Password)).ErrorCode);
    }

    [Fact]
    public async Task Login_AfterALapsedLock_CountsFromZeroAgain()
    {
        var victim = await app.CreateApiClient().SignUpAndLoginAsync();
        await app.ExecuteOnBothAsync("UPDATE users SET status = 'LOCKED', failed_login_count = 5, locked_until = 1 WHERE id = @id", new { id = victim.UserId });

        var guess = await app.CreateApiClient().PostAsync("/api/v1/auth/login", new { loginId = victim.LoginId, password = "wrong!pass" });

        Assert.Equal("INVALID_PASSWORD", guess.ErrorCode);
        Assert.Equal((1L, 1L), await app.ScalarOnBothAsync<long>("SELECT failed_login_count FROM users WHERE id = @id", new { id = victim.UserId }));
        Assert.Equal(("ACTIVE", "ACTIVE"), await app.ScalarOnBothAsync<string>("SELECT status FROM users WHERE id = @id", new { id = victim.UserId }));
    }
}
