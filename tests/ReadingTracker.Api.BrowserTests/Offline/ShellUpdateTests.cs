using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using ReadingTracker.Api.BrowserTests.Offline.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReadingTracker.Api.BrowserTests.Offline.Infrastructure.OfflineSteps;

namespace ReadingTracker.Api.BrowserTests.Offline;

/// <summary>
/// A release of the client while a reader has the app open: the new service worker installs beside the old
/// one and waits; the page offers the update; taking it swaps the stored shell and reloads the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellUpdateTests(BrowserFixture fixture, OfflineServer server) : IClassFixture<OfflineServer>
{
    private const string ShellCaches = "async () => (await caches.keys()).filter((name) => name.startsWith('rt-shell-'))";

    [Fact]
    public async Task NewRelease_WaitsForTheReader_TakingTheUpdateSwapsTheStoredShellAndReloads()
    {
        using var seeder = await new ApiSeeder(server.DirectUrl).SignUpAndLoginAsync();
        var page = await OpenAsync(fixture, server, seeder.LoginId);
        await page.WaitForFunctionAsync($"async () => (await ({ShellCaches})()).length === 1");
        var before = Assert.Single(await page.EvaluateAsync<string[]>(ShellCaches));
        // The server versions the worker with a hash of the client's files.
        Assert.Matches("^rt-shell-[0-9a-f]{12}$", before);

        server.ShellRelease = "-next";
        await page.EvaluateAsync("async () => { await (await navigator.serviceWorker.getRegistration()).update(); }");

        var prompt = PageActions.Toast(page, "A new version is available.");
        await Expect(prompt).ToBeVisibleAsync();
        // Until the reader says so, the old worker keeps the page and its shell; the new one waits beside it.
        Assert.True(await page.EvaluateAsync<bool>("async () => (await navigator.serviceWorker.getRegistration()).waiting !== null"));
        Assert.Contains(before, await page.EvaluateAsync<string[]>(ShellCaches));

        await page.EvaluateAsync("() => { window.beforeUpdate = true; }");
        await prompt.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.beforeUpdate === undefined && navigator.serviceWorker.controller !== null");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My shelf", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal([before + "-next"], await page.EvaluateAsync<string[]>(ShellCaches));
        Assert.True(await page.EvaluateAsync<bool>("async () => (await navigator.serviceWorker.getRegistration()).waiting === null"));
        await Expect(PageActions.Toast(page, "A new version is available.")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
