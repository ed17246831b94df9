using Microsoft.Playwright;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>
/// One real server, one fake book provider and one headless Chromium (Debian's, /usr/bin/chromium) for the
/// whole suite; every test opens its own browser context (fresh storage) and signs up its own users.
/// A missing Chromium fails the suite — it never skips.
/// </summary>
#pragma warning disable CA1001 // The fake server is disposed in DisposeAsync, xunit's lifetime for fixtures.
public sealed class BrowserFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly FakeBookServer _books = new(localCovers: true);
    private IPlaywright? _playwright;

    public BrowserAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => App.BaseUrl;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: install it (apt-get install chromium) — the browser tests need it.");
        }

        // Assertions wait as long as the contexts' actions do (10–15 s) instead of Playwright's 5 s: on two shared
        // cores a lazily imported screen once took longer than 5 s to replace the one before it.
        Assertions.SetDefaultExpectTimeout(15_000);
        await _books.StartAsync();
        App = new BrowserAppFactory(_books.AladinUrl, _books.CoversUrl);
        App.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await _books.DisposeAsync();
    }

    /// <summary>A fresh context (own storage) and page in the given browser language, phone or desktop width.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            Locale = locale,
            TimezoneId = "Asia/Seoul",
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        return page;
    }

    /// <summary>Errors the pages logged (CSP violations included); tests assert none appeared.</summary>
    public List<string> ConsoleErrors { get; } = [];
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
