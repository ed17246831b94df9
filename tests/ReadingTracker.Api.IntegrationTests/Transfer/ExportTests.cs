using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Transfer;

public sealed class ExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A reader with a shelf from Goodreads plus a memo of their own, with tags, edited once (so it has history).</summary>
    private async Task<ApiClient> ReaderWithHistoryAsync()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await client.ImportAsync(TransferTestData.File("goodreads_library_export.csv"))).Ok);
        var added = await client.PostAsync("/api/v1/user/books", new
        {
            title = "숨 (Exhalation)", author = "테드 창", totalPages = 500, category = "Reading", readingStartDate = "2024-05-01", readingProgress = 12,
        });
        Assert.True(added.Ok, added.ToString());
        var entry = added.Data.GetProperty("userBookId").GetInt64();
        var memo = await client.PostAsync("/api/v1/memos", new
        {
            userBookId = entry, pageNumber = 42, content = "숨이 막힌다. \"quoted\", and a comma", tags = new[] { "quote", "character" },
            tagCategory = "TYPE", memoStartTime = "2024-05-02T21:30:00", clientId = Guid.NewGuid().ToString(),
        });
        Assert.True(memo.Ok, memo.ToString());
        var id = memo.Data.GetProperty("id").GetInt64();
        Assert.True((await client.PutAsync($"/api/v1/memos/{id}", new { content = "숨이 막힌다 — 고쳐 씀", pageNumber = 43, baseVersion = 1 })).Ok);
        return client;
    }

    [Fact]
    public async Task JsonExport_ImportedIntoAFreshAccount_GivesTheSameShelfAndMemos()
    {
        var reader = await ReaderWithHistoryAsync();
        var (response, json) = await reader.DownloadAsync("/api/v1/exports/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);

        var fresh = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await fresh.ImportBodyAsync(json, "application/json");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("json", result.Data.GetProperty("format").GetString());
        Assert.Equal(6, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal(await TransferTestData.ShelfAsync(app.Primary, reader.UserId), await TransferTestData.ShelfAsync(app.Primary, fresh.UserId));
        Assert.Equal(await TransferTestData.MemosAsync(app.Primary, reader.UserId), await TransferTestData.MemosAsync(app.Primary, fresh.UserId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task JsonExport_ImportedIntoTheSameAccount_ChangesNothing()
    {
        var reader = await ReaderWithHistoryAsync();
        var (_, json) = await reader.DownloadAsync("/api/v1/exports/json");
        var before = await MasterSql.SnapshotAsync(app.Primary);

        var result = await reader.ImportBodyAsync(json, "application/json");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(0, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal(0, result.Data.GetProperty("memosImported").GetInt32());
        Assert.Equal(before, await MasterSql.SnapshotAsync(app.Primary));
    }

    [Fact]
    public async Task JsonExport_HoldsTagsAndEarlierVersions_InTheDocumentedShape()
    {
        var reader = await ReaderWithHistoryAsync();
        var (_, json) = await reader.DownloadAsync("/api/v1/exports/json");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("reading-tracker-export", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var book = root.GetProperty("books").EnumerateArray().Single(b => b.GetProperty("title").GetString() == "숨 (Exhalation)");
        var memo = Assert.Single(book.GetProperty("memos").EnumerateArray());
        Assert.Equal(43, memo.GetProperty("pageNumber").GetInt32());
        Assert.Equal(["character", "quote"], memo.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));
        var earlier = Assert.Single(memo.GetProperty("history").EnumerateArray());
        Assert.Equal("숨이 막힌다. \"quoted\", and a comma", earlier.GetProperty("content").GetString());
        Assert.Equal(42, earlier.GetProperty("pageNumber").GetInt32());
    }

    [Fact]
    public async Task GoodreadsCsvExport_HasGoodreadsColumns_AndOurImportReadsItBack()
    {
        var reader = await ReaderWithHistoryAsync();
        var (response, csv) = await reader.DownloadAsync("/api/v1/exports/goodreads.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(csv);
        Assert.StartsWith("Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Publisher,Binding,Number of Pages,", text);
        Assert.Contains("\"=\"\"9788936434120\"\"\"", text);
        Assert.Contains("\"=\"\"8936434128\"\"\"", text);

        var fresh = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await fresh.ImportBodyAsync(csv, "text/csv");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("goodreads", result.Data.GetProperty("format").GetString());
        Assert.Equal(6, result.Data.GetProperty("imported").GetInt32());
        var titles = (await TransferTestData.ShelfAsync(app.Primary, fresh.UserId)).Select(l => string.Join('|', l.Split('|')[..4]));
        Assert.Equal((await TransferTestData.ShelfAsync(app.Primary, reader.UserId)).Select(l => string.Join('|', l.Split('|')[..4])), titles);
    }

    [Fact]
    public async Task MarkdownExport_IsAZipWithOneFilePerBook_ItsMemosByPage()
    {
        var reader = await ReaderWithHistoryAsync();
        var (response, zipBytes) = await reader.DownloadAsync("/api/v1/exports/markdown");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);

        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        Assert.Equal(6, zip.Entries.Count);
        var entry = zip.Entries.Single(e => e.FullName == "숨 (Exhalation) - 테드 창.md");
        using var stream = entry.Open();
        var markdown = new StreamReader(stream).ReadToEnd();
        Assert.StartsWith("# 숨 (Exhalation)\n", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("### p. 43 · 2024-05-02 21:30", markdown);
        Assert.Contains("숨이 막힌다 — 고쳐 씀", markdown);
        Assert.Contains(zip.Entries, e => e.FullName == "Good Omens_ The Nice and Accurate Prophecies of Agnes Nutter, Witch - Terry Pratchett.md");
    }

    [Theory]
    [InlineData("/api/v1/exports/json")]
    [InlineData("/api/v1/exports/goodreads.csv")]
    [InlineData("/api/v1/exports/markdown")]
    public async Task Exports_HoldOnlyTheCallersData(string path)
    {
        await ReaderWithHistoryAsync();
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await other.PostAsync("/api/v1/user/books", new { title = "남의 책", author = "다른 사람", category = "ToRead" })).Ok);

        var (response, body) = await other.DownloadAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = path.EndsWith("markdown", StringComparison.Ordinal)
            ? string.Join("\n", new ZipArchive(new MemoryStream(body)).Entries.Select(e => e.FullName))
            : Encoding.UTF8.GetString(body);
        Assert.Contains("남의 책", text);
        Assert.DoesNotContain("소년이 온다", text);
        Assert.DoesNotContain("숨", text);
    }

    [Fact]
    public async Task EmptyShelf_ExportsAValidEmptyDocument()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var (_, json) = await reader.DownloadAsync("/api/v1/exports/json");
        using var document = JsonDocument.Parse(json);
        Assert.Equal(0, document.RootElement.GetProperty("books").GetArrayLength());
        var (_, csv) = await reader.DownloadAsync("/api/v1/exports/goodreads.csv");
        Assert.Single(Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Exports_WithoutAToken_Return401()
    {
        var (response, _) = await app.CreateApiClient().DownloadAsync("/api/v1/exports/json");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
