using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Measures — and records in docs/benchmarks.md under "Phone capture" (a copy in TestResults/docs unless
/// RT_REFRESH_DOCS=1) — the phone capture journey: from the shelf to a saved memo on a 390 × 844 screen, counting
/// the taps, the scrolls a thumb would need (a target below the screen) and the time from the first tap to the memo
/// in the list. Also the Tab stops from the editor's "Page" to its text. Numbers are recorded, never asserted.
/// The journey takes the floating write button when the page has one; the client before issue 13 had none, and
/// the journey then goes the only way it had: the "Today flow" link, "Write a memo", the text box, Save.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneCaptureMeasurements(BrowserFixture fixture)
{
    private const int Runs = 5;

    [Fact]
    public async Task PhoneCapture_FromTheShelfToASavedMemo_TapsScrollsAndTime()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await user.AddBookAsync("Phone Book", 320, "Reading", 40);
        await user.AddBookAsync("Second Book", 200, "Reading", 10);
        var page = await fixture.NewPageAsync(width: 390, height: 844);
        await PageActions.LoginAsync(page, user.LoginId);

        var journeys = new List<Journey>();
        for (var run = 0; run <= Runs; run++)
        {
            await page.GotoAsync("/#/shelf");
            await Expect(page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Heading, new() { Name = "Phone Book" })).ToBeVisibleAsync();
            var journey = await CaptureAsync(page, $"Captured on the bus, run {run}.");
            if (run > 0)
            {
                // The first run is a warm-up: it loads the flow's modules, and the write button learns the book.
                journeys.Add(journey);
            }
        }

        var tabStops = await TabStopsFromPageToTextAsync(page);
        var typical = journeys[^1];
        var times = journeys.Select(j => j.Milliseconds).Order().ToList();
        var version = typical.Fab ? "after" : "before";
        var row = $"| {(typical.Fab ? "After (issue 13)" : "Before (issue 13)")} | {typical.Steps} | {typical.Taps} | {typical.Scrolls} | {times[times.Count / 2]:0} ms / {times[^1]:0} ms | {tabStops} |";
        WriteTable(version, row);
    }

    private sealed record Journey(bool Fab, int Taps, int Scrolls, double Milliseconds, string Steps);

    private static async Task<Journey> CaptureAsync(IPage page, string text)
    {
        var taps = 0;
        var scrolls = 0;
        var steps = new List<string>();
        async Task TapAsync(ILocator target, string step)
        {
            if (!await InViewportAsync(page, target))
            {
                scrolls++;
                steps.Add("scroll");
            }

            await target.ClickAsync();
            taps++;
            steps.Add(step);
        }

        var fab = page.GetByRole(AriaRole.Link, new() { Name = "Write", Exact = true });
        var hasFab = await fab.CountAsync() > 0 && await fab.IsVisibleAsync();
        var clock = Stopwatch.StartNew();
        ILocator editor;
        if (hasFab)
        {
            await TapAsync(fab, "write button");
            editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
            await Expect(editor).ToBeVisibleAsync();
            if (!await editor.GetByLabel("Memo").EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                // No book to start on (the first memo): the composer asks for the book first.
                await TapAsync(editor.GetByLabel("Memo"), "text box");
            }
        }
        else
        {
            await TapAsync(page.GetByRole(AriaRole.Link, new() { Name = "Today flow" }), "Today flow");
            await TapAsync(page.GetByRole(AriaRole.Button, new() { Name = "Write a memo" }), "Write a memo");
            editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
            await TapAsync(editor.GetByLabel("Memo"), "text box");
        }

        await page.Keyboard.TypeAsync(text);
        steps.Add("type");
        await TapAsync(editor.GetByRole(AriaRole.Button, new() { Name = "Save" }), "Save");
        await Expect(page.Locator(".flow-list").GetByText(text)).ToBeVisibleAsync();
        clock.Stop();
        return new Journey(hasFab, taps, scrolls, clock.Elapsed.TotalMilliseconds, string.Join(" → ", steps));
    }

    private static Task<bool> InViewportAsync(IPage page, ILocator target) =>
        target.EvaluateAsync<bool>("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }");

    /// <summary>Opens the editor and presses Tab from "Page" until the text has the focus.</summary>
    private static async Task<int> TabStopsFromPageToTextAsync(IPage page)
    {
        await page.GotoAsync("/#/flow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Write a memo" }).ClickAsync();
        var editor = page.GetByRole(AriaRole.Form, new() { Name = "Write a memo" });
        await editor.GetByLabel("Page").FocusAsync();
        var text = editor.GetByLabel("Memo");
        for (var stops = 1; stops <= 60; stops++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await text.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return stops;
            }
        }

        return -1;
    }

    private const string Heading = "## Phone capture";

    /// <summary>
    /// Rewrites the "## Phone capture" section: this run's row, and the other version's row as it was recorded
    /// (the code before issue 13 is measured by running this test on that code).
    /// </summary>
    private static void WriteTable(string version, string row)
    {
        var output = Path.Combine(PageActions.DocsOutput, "benchmarks.md");
        var tracked = Path.Combine(PageActions.RepoRoot(), "docs", "benchmarks.md");
        var existing = File.Exists(output) ? File.ReadAllText(output) : File.Exists(tracked) ? File.ReadAllText(tracked) : "# Benchmarks\n";
        var lines = existing.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        string Keep(string start) => lines.FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? $"{start} | (not measured yet) | | | | |";
        var before = version == "before" ? row : Keep("| Before (issue 13)");
        var after = version == "after" ? row : Keep("| After (issue 13)");
        var section = new StringBuilder()
            .AppendLine(Heading)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured by `dotnet test tests/ReadingTracker.Api.BrowserTests --filter PhoneCaptureMeasurements` in headless Chromium ({Environment.ProcessorCount} cores), 390 × 844, the real server on SQLite, on {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({version}).")
            .AppendLine("The journey starts on the shelf of a reader with two books being read and ends when the memo shows in today's list.")
            .AppendLine("Time is the app's (first tap → memo in the list, typing at machine speed), median / max of 5 runs after a warm-up;")
            .AppendLine("a scroll counts where the next target was below the screen. \"Before\" ran this test on the code before issue 13.")
            .AppendLine()
            .AppendLine("| client | steps | taps | scrolls | time, median / max | Tab stops from \"Page\" to the text |")
            .AppendLine("|---|---|---|---|---|---|")
            .AppendLine(before)
            .AppendLine(after);

        var start = existing.IndexOf(Heading, StringComparison.Ordinal);
        string updated;
        if (start < 0)
        {
            updated = existing.TrimEnd() + "\n\n" + section;
        }
        else
        {
            var end = existing.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
            updated = existing[..start] + section + (end < 0 ? "" : "\n" + existing[(end + 1)..]);
        }

        Directory.CreateDirectory(PageActions.DocsOutput);
        File.WriteAllText(output, updated);
    }
}
