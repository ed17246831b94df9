using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>The fetch module's session rules: one shared refresh on 401, then the retry; a dead refresh ends the session.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserFixture fixture)
{
    // The page's session store (IndexedDB behind an in-memory copy), reached through the page's own module.
    // The stored session only, announced to nobody: the page keeps its good token until it reloads, so spoiling it
    // starts no request (and no refresh) before the reload. A spoil announced as a session change would: the screens
    // follow a session change with requests, whose 401s would refresh before the reload and again after it.
    private const string SpoilStoredAccessToken = "async () => { const { patchSession } = await import('/js/offline/session.js'); await patchSession({ accessToken: 'not-a-token' }, { create: false, announce: false }); }";
    private const string SpoilAccessToken = "async () => { const { store } = await import('/js/store.js'); await store.setTokens({ ...store.session, accessToken: 'not-a-token' }); }";
    private const string AccessToken = "async () => (await import('/js/store.js')).store.session?.accessToken ?? null";
    private const string SessionGone = "async () => (await import('/js/store.js')).store.session === null && (await (await import('/js/offline/session.js')).readSession()) === null";

    [Fact]
    public async Task RejectedAccessToken_IsRefreshedOnce_ForConcurrentRequests_AndTheScreenLoads()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Still here", 100, "Reading", 5);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        await page.EvaluateAsync(SpoilStoredAccessToken);
        var refreshes = 0;
        var unauthorized = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/v1/auth/refresh", StringComparison.Ordinal)) Interlocked.Increment(ref refreshes);
        };
        page.Response += (_, response) =>
        {
            if (response.Status == 401) Interlocked.Increment(ref unauthorized);
        };
        // The first GET /users/me is answered (401) only after the shelf's refresh has finished and the page holds
        // the new token: a refusal that arrives late must not start a second refresh.
        var held = 0;
        await page.RouteAsync("**/api/v1/users/me", async route =>
        {
            if (Interlocked.Exchange(ref held, 1) == 1)
            {
                await route.ContinueAsync();
                return;
            }
            var refused = await route.FetchAsync();
            await page.WaitForFunctionAsync($"async () => (await ({AccessToken})()) !== 'not-a-token'", null, new() { Timeout = 10_000 });
            await route.FulfillAsync(new() { Response = refused });
        });

        // The shell restores the user (GET /users/me) while the shelf loads (GET /user/books) and the offline
        // engine caches the whole shelf (GET /user/books): several 401s, one of them late, and one refresh.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Link, new() { Name = "Still here" })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(Volatile.Read(ref unauthorized) >= 2, $"{unauthorized} requests were refused");
        Assert.Equal(1, Volatile.Read(ref refreshes));
        Assert.NotEqual("not-a-token", await page.EvaluateAsync<string>(AccessToken));
    }

    [Fact]
    public async Task RevokedDevice_EndsTheSession_AndTheLoginScreenSaysSo()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        var devices = await user.GetAsync("/api/v1/users/me/devices");
        var browserDevice = devices.EnumerateArray().First(d => d.GetProperty("platform").GetString() == "WEB").GetProperty("deviceId").GetString();
        // The device goes first: any request the spoiled token sets off (the screens follow a session change) then
        // meets a refresh token that no longer works, never one still good.
        await user.DeleteAsync($"/api/v1/users/me/devices/{browserDevice}");
        await page.EvaluateAsync(SpoilAccessToken);

        // To the profile: asked with the spoiled token, or (when that session already ended) sent to log in first.
        await page.GotoAsync("/#/profile");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(PageActions.Toast(page, "Your session has ended. Please log in again.")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(SessionGone);

        // Logging in again returns to where the reader was.
        await page.GetByLabel("Login id").FillAsync(user.LoginId);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ApiSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profile", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ASessionTheEarlierClientKeptInLocalStorage_MovesToTheSessionStore_AndTheReaderStaysSignedIn()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Kept across the upgrade", 100, "Reading", 5);
        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        var userId = await page.EvaluateAsync<long>("async () => (await import('/js/store.js')).store.user.id");

        // What the earlier client left behind: the session in localStorage, nothing in the session store.
        await page.EvaluateAsync("""
            async () => {
              const { store } = await import('/js/store.js');
              const { patchSession } = await import('/js/offline/session.js');
              const s = store.session;
              localStorage.setItem('rt.session', JSON.stringify({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: s.user, tokensAt: Date.now() }));
              await patchSession(null, { announce: false });
            }
            """);
        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Link, new() { Name = "Kept across the upgrade" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('rt.session')"));
        Assert.Equal(userId, await page.EvaluateAsync<long>("async () => (await (await import('/js/offline/session.js')).readSession()).userId"));
    }
}
