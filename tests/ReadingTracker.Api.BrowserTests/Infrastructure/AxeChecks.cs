using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>axe-core over the page as it is now: every violation fails the test, named with the elements it found.</summary>
public static class AxeChecks
{
    public static async Task AssertCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"axe on {where}: {string.Join("; ", problems)}");
    }
}
