using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReadingTracker.Api.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReadingTracker.Api.BrowserTests.Screens;

/// <summary>
/// The profile's "My data" card (issue 16): a Goodreads library export uploaded through the import form shows the
/// progress bar while the server works, then the summary (imported, already on the shelf, failed, with each failed
/// row's number and reason), and the books are on the shelf; the three export buttons download the reader's JSON, a
/// Markdown zip and a Goodreads CSV holding those books. Desktop in English, phone in Korean; axe clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DataTransferScreenTests(BrowserFixture fixture)
{
    // Goodreads' own columns and cell shapes: ="…" ISBNs, a quoted title with commas, a multi-line quoted review and
    // private note, an ISBN-less book that is already on the shelf, and a row whose rating Goodreads never writes.
    private const string Goodreads =
        "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Publisher,Binding,Number of Pages,Year Published," +
        "Original Publication Year,Date Read,Date Added,Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,Read Count,Owned Copies\r\n" +
        "58712345,소년이 온다,한강,\"한, 강\",,\"=\"\"8936434128\"\"\",\"=\"\"9788936434120\"\"\",5,4.52,창비,Paperback,216,2014,2014,2024/03/02,2024/01/15,,,read," +
        "\"아프다, 그러나 읽어야 한다.\",,\"\"\"너는 우리에게 무엇이었나\"\"\n— 다시 읽을 것.\",1,0\r\n" +
        "12067,\"Good Omens: The Nice and Accurate Prophecies of Agnes Nutter, Witch\",Terry Pratchett,\"Pratchett, Terry\",Neil Gaiman,\"=\"\"0060853980\"\"\"," +
        "\"=\"\"9780060853983\"\"\",0,4.25,William Morrow,Paperback,491,2006,1990,,2024/02/20,currently-reading,currently-reading (#1),currently-reading," +
        "\"First line of a review.\n\nSecond paragraph, with \"\"quotes\"\", and commas.\",,,0,0\r\n" +
        "99901,채식주의자,한강,\"한, 강\",,\"=\"\"\"\"\",\"=\"\"\"\"\",0,3.60,창비,Hardcover,,2007,2007,,2023/12/01,to-read,to-read (#3),to-read,,,,0,0\r\n" +
        "88,Broken Rating,Someone,\"Someone\",,\"=\"\"\"\"\",\"=\"\"\"\"\",7,3.00,,,120,2020,2020,,2023/01/01,,,read,,,,1,0\r\n";

    private static readonly Dictionary<string, Dictionary<string, string>> Words = new()
    {
        ["en"] = new()
        {
            ["profile"] = "Profile", ["card"] = "My data", ["file"] = "Export file (Goodreads or StoryGraph CSV, or this app's JSON)", ["import"] = "Import",
            ["result"] = "2 imported, 1 already on the shelf, 1 failed, 1 memos added.", ["row"] = "Row 5:", ["reason"] = "The rating '7' is not between 0 and 5.",
            ["done"] = "Import finished.", ["shelf"] = "My shelf", ["reading"] = "Reading", ["finished"] = "Finished",
            ["json"] = "Download JSON", ["markdown"] = "Download Markdown (zip)", ["csv"] = "Download for Goodreads (CSV)",
        },
        ["ko"] = new()
        {
            ["profile"] = "프로필", ["card"] = "내 데이터", ["file"] = "내보내기 파일 (Goodreads·StoryGraph CSV 또는 이 앱의 JSON)", ["import"] = "가져오기",
            ["result"] = "2권 가져옴, 1권은 이미 서재에 있음, 1권 실패, 메모 1개 추가.", ["row"] = "5행:", ["reason"] = "별점 '7'은 0에서 5 사이가 아닙니다.",
            ["done"] = "가져오기를 마쳤습니다.", ["shelf"] = "내 서재", ["reading"] = "읽는 중", ["finished"] = "완독",
            ["json"] = "JSON 내려받기", ["markdown"] = "Markdown 내려받기 (zip)", ["csv"] = "Goodreads용 내려받기 (CSV)",
        },
    };

    [Theory]
    [InlineData("en", "en-US", 1280, 900)]
    [InlineData("ko", "ko-KR", 390, 844)]
    public async Task GoodreadsImport_ShowsProgressAndSummary_PutsTheBooksOnTheShelf_AndTheExportsHoldThem(string language, string locale, int width, int height)
    {
        var w = Words[language];
        using var reader = await new ApiSeeder(fixture.BaseUrl).SignUpAndLoginAsync();
        await reader.AddBookAsync("채식주의자", 200, "ToRead", author: "한강");
        var page = await fixture.NewPageAsync(locale, width, height);
        await BookNotebookTests.LoginAsync(page, reader.LoginId, language == "ko");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w["profile"], Exact = true }).ClickAsync();
        var card = page.GetByRole(AriaRole.Region, new() { Name = w["card"] });
        await card.GetByLabel(w["file"]).SetInputFilesAsync(new FilePayload
        {
            Name = "goodreads_library_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Goodreads),
        });

        // The upload is held at the browser's edge until the bar has been seen: the server's answer comes after it.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/v1/imports", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await card.GetByRole(AriaRole.Button, new() { Name = w["import"], Exact = true }).ClickAsync();
        var bar = card.GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = w["import"], Exact = true })).ToBeDisabledAsync();
        await Expect(card.Locator("#import-phase")).ToHaveTextAsync(PhaseWhileWorking());
        release.SetResult();

        var result = card.Locator(".import-result");
        await Expect(result.Locator("#import-result-counts")).ToHaveTextAsync(w["result"]);
        var failure = result.GetByRole(AriaRole.Listitem);
        await Expect(failure).ToHaveCountAsync(1);
        await Expect(failure).ToContainTextAsync(w["row"]);
        await Expect(failure).ToContainTextAsync("Broken Rating");
        await Expect(failure).ToContainTextAsync(w["reason"]);
        await Expect(bar).ToBeHiddenAsync();
        await Expect(card.Locator("#import-phase")).ToHaveTextAsync(w["done"]);
        await AxeCheck.AssertCleanAsync(page, $"profile, import finished ({language})");
        if (language == "en")
        {
            await card.ScrollIntoViewIfNeededAsync();
            await PageActions.ScreenshotAsync(page, "import-export");
        }

        var exports = await DownloadAllAsync(page, card, w);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = w["shelf"], Exact = true }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Tabpanel);
        await page.GetByRole(AriaRole.Tab, new() { Name = w["reading"], Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Good Omens: The Nice and Accurate Prophecies of Agnes Nutter, Witch" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = w["finished"], Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "소년이 온다" })).ToBeVisibleAsync();
        var shelf = (await reader.GetAsync("/api/v1/user/books?limit=50")).GetProperty("books").EnumerateArray().Select(b => b.GetProperty("title").GetString()).ToList();
        Assert.Equal(3, shelf.Count); // the ISBN-less book already there was not added twice, the broken row not at all
        Assert.Single(shelf, "채식주의자");

        AssertExports(exports);
        await page.Context.CloseAsync();
    }

    /// <summary>While the file is held: sending it (any percentage) or waiting for the server, in either language.</summary>
    [GeneratedRegex("^(Sending the file… \\d+%|Adding the books to your shelf…|파일을 보내는 중… \\d+%|책을 서재에 넣는 중…)$")]
    private static partial Regex PhaseWhileWorking();

    private static async Task<(JsonElement Json, Dictionary<string, string> Markdown, string Csv)> DownloadAllAsync(IPage page, ILocator card, Dictionary<string, string> w)
    {
        var json = JsonDocument.Parse(await DownloadAsync(page, card, w["json"], ".json")).RootElement.Clone();
        var markdown = new Dictionary<string, string>();
        using (var zip = new ZipArchive(new MemoryStream(await DownloadAsync(page, card, w["markdown"], ".zip"))))
        {
            foreach (var entry in zip.Entries)
            {
                using var text = new StreamReader(entry.Open(), Encoding.UTF8);
                markdown[entry.FullName] = await text.ReadToEndAsync();
            }
        }

        var csv = Encoding.UTF8.GetString(await DownloadAsync(page, card, w["csv"], ".csv"));
        return (json, markdown, csv);
    }

    /// <summary>Clicks an export button and returns the downloaded file, whose suggested name ends in <paramref name="extension"/>.</summary>
    private static async Task<byte[]> DownloadAsync(IPage page, ILocator card, string button, string extension)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync());
        Assert.EndsWith(extension, download.SuggestedFilename, StringComparison.Ordinal);
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static void AssertExports((JsonElement Json, Dictionary<string, string> Markdown, string Csv) exports)
    {
        var strings = Strings(exports.Json).ToList();
        foreach (var title in new[] { "소년이 온다", "Good Omens: The Nice and Accurate Prophecies of Agnes Nutter, Witch", "채식주의자" })
        {
            Assert.Single(strings, title);
            Assert.Contains(title, exports.Csv, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Broken Rating", strings);
        Assert.Contains("\"너는 우리에게 무엇이었나\"\n— 다시 읽을 것.", strings);
        Assert.StartsWith("Book Id,Title,Author,", exports.Csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("9788936434120", exports.Csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Broken Rating", exports.Csv, StringComparison.Ordinal);
        Assert.Equal(3, exports.Markdown.Count);
        var korean = Assert.Single(exports.Markdown, f => f.Key.StartsWith("소년이 온다", StringComparison.Ordinal));
        Assert.EndsWith(".md", korean.Key, StringComparison.Ordinal);
        Assert.Contains("너는 우리에게 무엇이었나", korean.Value, StringComparison.Ordinal);
    }

    /// <summary>Every string value anywhere in a JSON document.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
