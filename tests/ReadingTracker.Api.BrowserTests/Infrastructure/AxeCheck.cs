using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>axe-core (Deque's engine, from its NuGet package) over the page as it is now: a violation fails the test, each listed with the elements it found.</summary>
public static class AxeCheck
{
    public static async Task AssertCleanAsync(IPage page, string screen)
    {
        var found = await ViolationsAsync(page);
        Assert.True(found.Count == 0, $"axe-core on {screen}:\n{string.Join("\n", found)}");
    }

    /// <summary>The violations on the page as it is now, one line each ("id (impact): help at html | html"); empty when clean.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var options = new AxeRunOptions { ResultTypes = [ResultType.Violations] };
        var result = await page.RunAxe(options);
        return result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToList();
    }
}
