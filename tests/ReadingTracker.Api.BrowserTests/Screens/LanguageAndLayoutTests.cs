using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

[Collection(BrowserCollection.Name)]
public sealed class LanguageAndLayoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Language_FollowsTheBrowser_SwitchesEveryText_IsRemembered_AndServerMessagesFollow()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var page = await fixture.NewPageAsync(locale: "ko-KR");
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "병렬 독서자를 위한 독서 기록 서비스" })).ToBeVisibleAsync();
        Assert.Equal("ko", await page.GetAttributeAsync("html", "lang"));

        await page.GetByRole(AriaRole.Link, new() { Name = "로그인" }).ClickAsync();
        await page.GetByLabel("아이디").FillAsync(user.LoginId);
        await page.GetByLabel("비밀번호", new() { Exact = true }).FillAsync("wrong-password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("비밀번호가 올바르지 않습니다");

        await page.GetByRole(AriaRole.Button, new() { Name = "English (언어 변경)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "한국어 (Change language)" })).ToBeFocusedAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.GetByLabel("Login id").FillAsync(user.LoginId);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("wrong-password!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong password");

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" })).ToContainTextAsync("Search books");
    }

    [Fact]
    public async Task EveryUiString_HasAKoreanAndAnEnglishText()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        // The server serves one dictionary module per language; the page loads only the active one.
        var missing = await page.EvaluateAsync<string[]>("""
            async () => {
              const ko = (await import('/js/i18n/ko.js')).default;
              const en = (await import('/js/i18n/en.js')).default;
              const keys = new Set([...Object.keys(ko), ...Object.keys(en)]);
              return [...keys].filter((k) => !ko[k] || !en[k]);
            }
            """);
        Assert.Empty(missing);
        var count = await page.EvaluateAsync<int>("async () => Object.keys((await import('/js/i18n/en.js')).default).length");
        Assert.True(count > 200, $"only {count} strings");
    }

    [Fact]
    public async Task Shell_IsServedWithACspWithoutInlineScript_AndAnInstallableManifest()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/");
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
        // The client's files are revalidated on every load, so a release reaches readers at once.
        Assert.Equal("no-cache", await response.HeaderValueAsync("cache-control"));
        var module = await page.APIRequest.GetAsync("/js/app.js");
        Assert.Equal("no-cache", module.Headers["cache-control"]);
        var unchanged = await page.APIRequest.GetAsync("/js/app.js", new() { Headers = new Dictionary<string, string> { ["If-None-Match"] = module.Headers["etag"] } });
        Assert.Equal(304, unchanged.Status);
        Assert.Equal(0, await page.Locator("[style]").CountAsync());

        var manifest = await page.EvaluateAsync<string>("async () => { const r = await fetch(document.querySelector('link[rel=manifest]').href); return r.headers.get('content-type') + '|' + JSON.stringify(await r.json()); }");
        Assert.StartsWith("application/manifest+json", manifest, StringComparison.Ordinal);
        Assert.Contains("\"display\":\"standalone\"", manifest, StringComparison.Ordinal);
        var icon = await page.APIRequest.GetAsync("/icons/icon.svg");
        Assert.Equal(200, icon.Status);

        // Chromium's own verdict: what would stop it from offering "Install app" (manifest, icons, worker).
        // A test browser context is incognito, which Chromium always lists; nothing else may be there.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var verdict = await cdp.SendAsync("Page.getInstallabilityErrors");
        var errors = verdict!.Value.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).ToList();
        Assert.Equal(["in-incognito"], errors);
    }

    [Theory]
    [InlineData("/#/shelf")]
    [InlineData("/#/flow")]
    [InlineData("/#/profile")]
    [InlineData("/#/search?q=한강&type=AUTHOR")]
    public async Task AtPhoneWidth_NothingScrollsSideways(string route)
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var book = await user.AddBookAsync("A rather long title that has to wrap on a narrow phone screen", 300, "Reading", 12);
        await user.AddMemoAsync(book, new string('x', 300), PageActions.TodayAt(5), tags: ["quote", "character"]);
        var page = await fixture.NewPageAsync(width: 360, height: 740);
        await PageActions.LoginAsync(page, user.LoginId);
        await page.GotoAsync(route);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var culprits = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
              .slice(0, 5).map((e) => `${e.tagName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
            """);
        Assert.True(overflow <= 0, $"{route} is {overflow}px wider than the phone: {string.Join("; ", culprits)}");
    }
}
