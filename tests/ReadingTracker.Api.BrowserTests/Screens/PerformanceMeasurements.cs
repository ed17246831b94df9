using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// Measures — and records in docs/benchmarks.md under "Web client" (a copy in TestResults/docs unless RT_REFRESH_DOCS=1) — the app shell's size, the shelf's
/// first paint on a warm server, and the today flow's timeline with 1,000 memos in one day. Times are recorded, not
/// asserted (they depend on the machine); the shell's 150 KB budget is asserted. The shell is what a start loads:
/// the active language's dictionary, the offline engine and the screen on show; other screens load on first use.
/// The whole set the service worker stores for offline use (every screen, both languages) is recorded too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PerformanceMeasurements(BrowserFixture fixture)
{
    private const int ShellBudgetBytes = 150 * 1024;

    private static readonly Dictionary<string, string> Results = [];

    [Fact]
    public async Task AppShell_StaysWithin150KB_AndTheShelfPaintsFast()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        for (var i = 0; i < 20; i++)
        {
            await user.AddBookAsync($"Book {i:00}", 300, "Reading", 10 + i);
        }

        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        var shell = await page.EvaluateAsync<double[]>("""
            () => {
              const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                .filter((e) => e.name.startsWith(location.origin) && !e.name.includes('/api/') && /(\.js|\.css|\/|\.html)(\?|$)/.test(new URL(e.name).pathname + ''));
              return [entries.reduce((n, e) => n + e.decodedBodySize, 0), entries.length];
            }
            """);
        var (bytes, files) = (shell[0], (int)shell[1]);
        Assert.True(bytes <= ShellBudgetBytes, $"app shell is {bytes} bytes");
        Assert.True(files > 10, $"only {files} shell files were seen");
        var stored = await page.EvaluateAsync<double[]>("""
            async () => {
              const { SHELL_FILES } = await import('/js/offline/shell-files.js');
              const texts = SHELL_FILES.filter((f) => !f.startsWith('/icons/') && f !== '/');
              const sizes = await Promise.all(texts.map(async (f) => (await (await fetch(f)).arrayBuffer()).byteLength));
              return [sizes.reduce((n, b) => n + b, 0), texts.length];
            }
            """);

        var paints = new List<double>();
        var contentful = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            await page.ReloadAsync();
            await Expect(page.GetByRole(AriaRole.Tabpanel).GetByRole(AriaRole.Heading, new() { Name = "Book 19" })).ToBeVisibleAsync();
            var mark = await page.EvaluateAsync<double[]>("() => [performance.getEntriesByName('shelf-rendered')[0].startTime, performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1]");
            if (run > 0)
            {
                // The first reload warms the browser's own caches; the server is warm already.
                paints.Add(mark[0]);
                contentful.Add(mark[1]);
            }
        }

        Results["shell"] = $"| App shell (HTML + JS + CSS, uncompressed, as served) | {bytes / 1024.0:0.0} KB in {files} files (budget 150 KB) |";
        Results["stored"] = $"| Everything the service worker stores for offline use (every screen, both languages; icons excluded) | {stored[0] / 1024.0:0.0} KB in {(int)stored[1]} files |";
        Results["shelf"] = $"| Shelf rendered (20 books; navigation start → list in the DOM), median / max of 5 reloads | {Median(paints):0} ms / {paints.Max():0} ms (budget 1 s) |";
        Results["fcp"] = $"| First contentful paint on the shelf route, median | {Median(contentful):0} ms |";
        WriteBenchmarks();
    }

    [Fact]
    public async Task TodayFlow_WithAThousandMemosInOneDay_LoadsItsTimelineInSteps()
    {
        using var user = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        var books = new[] { await user.AddBookAsync("Thousand A", 900, "Reading", 1), await user.AddBookAsync("Thousand B", 900, "Reading", 1), await user.AddBookAsync("Thousand C", 900, "Reading", 1) };
        var start = PageActions.NowInSeoul().AddMinutes(-1);
        if (start.AddSeconds(-1000).Date != start.Date)
        {
            start = start.Date.AddSeconds(1001);
        }

        string[][] tags = [["quote"], ["idea", "character"], [], ["summary", "plot"], ["question"]];
        for (var batch = 0; batch < 1000; batch += 10)
        {
            await Task.WhenAll(Enumerable.Range(batch, 10).Select(i => user.AddMemoAsync(
                books[(i / 7) % 3], $"Memo number {i}", PageActions.Wire(start.AddSeconds(i - 1000)), page: 1 + (i % 900), tags: tags[i % 5])));
        }

        var page = await fixture.NewPageAsync();
        await PageActions.LoginAsync(page, user.LoginId);
        var loads = new List<double>();
        var apiTimes = new List<double>();
        long apiBytes = 0;
        for (var run = 0; run < 4; run++)
        {
            await page.GotoAsync(run == 0 ? "/#/flow" : "/#/flow?mode=SESSION");
            if (run > 0)
            {
                await page.ReloadAsync();
            }

            await Expect(page.GetByText("30 memos so far, more below")).ToBeVisibleAsync();
            await Expect(page.Locator(".flow-list").GetByRole(AriaRole.Article)).ToHaveCountAsync(30);
            var timing = await page.EvaluateAsync<double[]>("""
                () => {
                  const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/today-flow')).at(-1);
                  return [performance.getEntriesByName('flow-rendered').at(-1).startTime, api.duration, api.decodedBodySize];
                }
                """);
            if (run > 0)
            {
                loads.Add(timing[0]);
                apiTimes.Add(timing[1]);
                apiBytes = (long)timing[2];
            }
        }

        var more = page.GetByRole(AriaRole.Button, new() { Name = "Load more memos" });
        var pageTurns = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            pageTurns.Add(await more.EvaluateAsync<double>("""
                async (b) => {
                  performance.clearMarks('flow-rendered');
                  const t0 = performance.now();
                  b.click();
                  while (!performance.getEntriesByName('flow-rendered').length) await new Promise((r) => setTimeout(r, 2));
                  return performance.getEntriesByName('flow-rendered')[0].startTime - t0;
                }
                """));
            await Expect(page.Locator(".flow-list").GetByRole(AriaRole.Article)).ToHaveCountAsync(30 * (i + 2));
        }

        await Expect(page.GetByText("330 memos so far, more below")).ToBeVisibleAsync();
        var regroup = await page.GetByRole(AriaRole.Radio, new() { Name = "Tag", Exact = true }).EvaluateAsync<double>("""
            async (radio) => {
              performance.clearMarks('flow-rendered');
              const t0 = performance.now();
              radio.click();
              while (!performance.getEntriesByName('flow-rendered').length) await new Promise((r) => setTimeout(r, 2));
              return performance.getEntriesByName('flow-rendered')[0].startTime - t0;
            }
            """);
        await Expect(page.Locator(".flow-list").GetByRole(AriaRole.Article)).ToHaveCountAsync(30);
        var domNodes = await page.EvaluateAsync<int>("() => document.querySelectorAll('*').length");

        Results["flowLoad"] = $"| Today flow, 1,000 memos in one day: navigation start → the timeline's first 30 memos rendered, median of 3 | {Median(loads):0} ms |";
        Results["flowApi"] = $"| … of which `GET /today-flow` (SESSION, first 30 memos, {apiBytes / 1024.0:0} KB JSON), median | {Median(apiTimes):0} ms |";
        Results["flowTurn"] = $"| Load more (the next 30: request, merge, redraw of the whole list; 60 → 330 memos shown), median / max of 10 | {Median(pageTurns):0.0} ms / {pageTurns.Max():0.0} ms |";
        Results["flowRegroup"] = $"| Regroup by TAG (request + grouping + render of the first 30) | {regroup:0} ms |";
        Results["flowDom"] = $"| DOM elements on the page with the first 30 of 1,000 memos shown | {domNodes} |";
        WriteBenchmarks();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static readonly string[] Order = ["shell", "stored", "shelf", "fcp", "flowLoad", "flowApi", "flowTurn", "flowRegroup", "flowDom"];

    // How each row begins, so a run that measured only some rows keeps the others' last numbers.
    private static readonly Dictionary<string, string> RowStart = new()
    {
        ["shell"] = "| App shell", ["stored"] = "| Everything the service worker", ["shelf"] = "| Shelf rendered", ["fcp"] = "| First contentful", ["flowLoad"] = "| Today flow, 1,000",
        ["flowApi"] = "| … of which", ["flowTurn"] = "| Load more", ["flowRegroup"] = "| Regroup", ["flowDom"] = "| DOM elements",
    };

    /// <summary>Rewrites only the "## Web client" section of docs/benchmarks.md; other sections belong to others.</summary>
    private static void WriteBenchmarks()
    {
        var tracked = Path.Combine(PageActions.RepoRoot(), "docs", "benchmarks.md");
        var existing = File.Exists(tracked) ? File.ReadAllText(tracked) : "# Benchmarks\n";
        var path = Path.Combine(PageActions.DocsOutput, "benchmarks.md");
        Directory.CreateDirectory(PageActions.DocsOutput);
        var section = new StringBuilder()
            .AppendLine("## Web client")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured by `dotnet test tests/ReadingTracker.Api.BrowserTests --filter PerformanceMeasurements` in headless Chromium ({Environment.ProcessorCount} cores), the real server on SQLite, on {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.")
            .AppendLine()
            .AppendLine("| measure | result |")
            .AppendLine("|---|---|");
        var previous = existing.Split('\n');
        foreach (var key in Order)
        {
            var line = Results.GetValueOrDefault(key)
                ?? previous.FirstOrDefault(l => l.StartsWith(RowStart[key], StringComparison.Ordinal))
                ?? $"{RowStart[key]} | (not measured yet) |";
            section.AppendLine(line.TrimEnd('\r'));
        }

        section
            .AppendLine()
            .AppendLine("The app shell is what a start loads: index.html, the CSS, the router and the start screen, the active language's")
            .AppendLine("dictionary and the offline engine. Every other screen is an ES module loaded on first use; the service worker")
            .AppendLine("stores all of them at install, so each one opens offline too.");

        var start = existing.IndexOf("## Web client", StringComparison.Ordinal);
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

        File.WriteAllText(path, updated);
    }
}
