using Microsoft.Playwright;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>Steps several tests share, in the user's words: log in, today in Seoul, screenshots.</summary>
public static class PageActions
{
    public static async Task LoginAsync(IPage page, string loginId, string password = ApiSeeder.Password)
    {
        await page.GotoAsync("/#/login");
        await page.GetByLabel("Login id").FillAsync(loginId);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>A message in a live status region (toasts and in-place statuses).</summary>
    public static ILocator Toast(IPage page, string text) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = text }).First;

    /// <summary>Presses Tab until the target has focus: the keyboard's own path through the page.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int limit = 80)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {target}.");
    }

    /// <summary>The users' time zone in these tests.</summary>
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static DateTime NowInSeoul() => TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), Seoul).DateTime;

    public static string Wire(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A time earlier today in Seoul (minutes ago), so memos sort in the order they were seeded. Early in the day some
    /// calls' "minutes ago" would fall on yesterday and others not, and no mapping of only the former keeps them all in
    /// order; so until <see cref="EarlySpan"/> minutes past midnight every call goes to the day's first minutes instead,
    /// a second apart per minute ago, in the same order.
    /// </summary>
    public static string TodayAt(int minutesAgo)
    {
        var now = NowInSeoul();
        return Wire(now.TimeOfDay >= TimeSpan.FromMinutes(EarlySpan)
            ? now.AddMinutes(-minutesAgo)
            : now.Date.AddSeconds(EarlySpan - Math.Clamp(minutesAgo, 0, EarlySpan)));
    }

    /// <summary>More minutes than any test asks <see cref="TodayAt"/> to go back.</summary>
    private const int EarlySpan = 600;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReadingTracker.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ReadingTracker.slnx not found above the test binaries.");
    }

    /// <summary>
    /// Where generated docs (screenshots, the web client's benchmark table) go: TestResults/docs, so a test run leaves
    /// the tree as it found it, unless RT_REFRESH_DOCS=1 asks to refresh the tracked docs/ folder.
    /// </summary>
    public static string DocsOutput => Environment.GetEnvironmentVariable("RT_REFRESH_DOCS") == "1"
        ? Path.Combine(RepoRoot(), "docs")
        : Path.Combine(RepoRoot(), "TestResults", "docs");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(DocsOutput, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
