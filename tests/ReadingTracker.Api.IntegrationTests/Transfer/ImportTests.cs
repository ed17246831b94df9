using System.Net;
using System.Text;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Transfer;

public sealed class ImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task GoodreadsExport_PutsEachShelfReviewAndNoteInPlace_AndReportsTheBadRow()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.ImportAsync(TransferTestData.File("goodreads_library_export.csv"));

        Assert.True(result.Ok, result.ToString());
        var data = result.Data;
        Assert.Equal("goodreads", data.GetProperty("format").GetString());
        Assert.Equal(6, data.GetProperty("rows").GetInt32());
        Assert.Equal(5, data.GetProperty("imported").GetInt32());
        Assert.Equal(1, data.GetProperty("failed").GetInt32());
        Assert.Equal(2, data.GetProperty("memosImported").GetInt32());
        var failure = Assert.Single(data.GetProperty("failedRows").EnumerateArray());
        Assert.Equal(7, failure.GetProperty("row").GetInt32());
        Assert.Contains("'7'", failure.GetProperty("reason").GetString());

        var shelf = await TransferTestData.ShelfAsync(app.Primary, client.UserId);
        Assert.Equal(
        [
            // A read book without a day read is dated the day it was added; its ISBN-10 becomes the ISBN-13.
            "Good Omens: The Nice and Accurate Prophecies of Agnes Nutter, Witch|Terry Pratchett|9780060853983|Reading|2024-02-20|0|||First line of a review.\n\nSecond paragraph, with \"quotes\", and commas.|491",
            "Pachinko|Min Jin Lee|9781455563920|ToRead||||||490",
            "The Great Gatsby|F. Scott Fitzgerald|9780743273565|Finished|2022-07-04|180|2022-07-04|4||180",
            "소년이 온다|한강|9788936434120|Finished|2024-03-02|216|2024-03-02|5|아프다, 그러나 읽어야 한다.|216",
            "채식주의자|한강||ToRead||||||",
        ], shelf);
        var memos = await TransferTestData.MemosAsync(app.Primary, client.UserId);
        Assert.Equal(2, memos.Count);
        Assert.Contains(memos, m => m.StartsWith("소년이 온다|1|\"너는 우리에게 무엇이었나\"\n— 다시 읽을 것.|", StringComparison.Ordinal) && m.EndsWith("|etc", StringComparison.Ordinal));
        Assert.Contains(memos, m => m.StartsWith("The Great Gatsby|1|Reread some day.|", StringComparison.Ordinal));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task SameFileTwice_SecondImportChangesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var file = TransferTestData.File("goodreads_library_export.csv");
        Assert.True((await client.ImportAsync(file)).Ok);
        var before = await MasterSql.SnapshotAsync(app.Primary);

        var again = await client.ImportAsync(file);

        Assert.True(again.Ok, again.ToString());
        Assert.Equal(0, again.Data.GetProperty("imported").GetInt32());
        Assert.Equal(5, again.Data.GetProperty("alreadyOnShelf").GetInt32());
        Assert.Equal(0, again.Data.GetProperty("memosImported").GetInt32());
        Assert.Equal(before, await MasterSql.SnapshotAsync(app.Primary));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task StoryGraphExport_RoundsQuarterStars_KeepsTheLastReadRange_AndIgnoresAUidThatIsNoIsbn()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.ImportAsync(TransferTestData.File("storygraph_export.csv"));

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("storygraph", result.Data.GetProperty("format").GetString());
        Assert.Equal(3, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal(
        [
            "Klara and the Sun|Kazuo Ishiguro, Someone Else||ToRead||||||",
            "Piranesi|Susanna Clarke|9781635575637|Reading|2024-04-02|0||||",
            "작별하지 않는다|한강|9788954682152|Finished|2023-10-03||2023-11-20|5|눈, 바람, 그리고 기억.\n두 번째 줄.|",
        ], await TransferTestData.ShelfAsync(app.Primary, client.UserId));
    }

    [Fact]
    public async Task OlderStoryGraphExport_WithAuthorAndIsbnColumns_IsRead()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.ImportBodyAsync(TransferTestData.File("storygraph_old_export.csv"), "text/csv");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(["아몬드|손원평|9788936456788|Finished|2022-02-01||2022-02-01|5||"], await TransferTestData.ShelfAsync(app.Primary, client.UserId));
    }

    [Fact]
    public async Task ABookAlreadyOnTheShelf_ByIsbnOrByTitleAndAuthor_IsLeftAsItIs()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await client.PostAsync("/api/v1/user/books", new { isbn = "9788936434120", title = "소년이 온다 (개정판)", author = "한강", category = "Reading", readingStartDate = "2024-01-01", readingProgress = 30 })).Ok);
        Assert.True((await client.PostAsync("/api/v1/user/books", new { title = "  채식주의자 ", author = "한강", category = "ToRead" })).Ok);

        var result = await client.ImportAsync(TransferTestData.File("goodreads_library_export.csv"));

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(3, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal(2, result.Data.GetProperty("alreadyOnShelf").GetInt32());
        var shelf = await TransferTestData.ShelfAsync(app.Primary, client.UserId);
        Assert.Contains("소년이 온다 (개정판)|한강|9788936434120|Reading|2024-01-01|30||||", shelf);
        Assert.Single(shelf, line => line.StartsWith("채식주의자|", StringComparison.Ordinal));
        // The note of a book already there still arrives, once.
        Assert.Contains(await TransferTestData.MemosAsync(app.Primary, client.UserId), m => m.StartsWith("소년이 온다 (개정판)|1|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("goodreads_broken_quote.csv", "IMPORT_FILE_INVALID")]
    [InlineData("wrong_columns.csv", "IMPORT_FORMAT_UNKNOWN")]
    public async Task BadCsv_Returns400WithAReason_AndWritesNothing(string file, string code)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await MasterSql.SnapshotAsync(app.Primary);

        var result = await client.ImportAsync(TransferTestData.File(file));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(code, result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Body.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(before, await MasterSql.SnapshotAsync(app.Primary));
    }

    [Fact]
    public async Task BrokenQuoting_NamesTheRowWhereTheQuoteOpened()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var result = await client.ImportAsync(TransferTestData.File("goodreads_broken_quote.csv"));

        Assert.Contains("Row 3", result.Body.GetProperty("error").GetProperty("message").GetString());
    }

    public static TheoryData<string, byte[]> BinaryFiles => new()
    {
        { "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52] },
        { "xlsx (zip)", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00] },
        { "latin-1 text", Encoding.Latin1.GetBytes("Title,Author,Exclusive Shelf\nCaf\u00e9,\u00c9mile,read\n") },
    };

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public async Task NotUtf8Text_Returns400_AndWritesNothing(string kind, byte[] file)
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await MasterSql.SnapshotAsync(app.Primary);

        var result = await client.ImportAsync(file);

        Assert.True(result.Status == HttpStatusCode.BadRequest, $"{kind}: {result}");
        Assert.Equal("IMPORT_FILE_INVALID", result.ErrorCode);
        Assert.Equal(before, await MasterSql.SnapshotAsync(app.Primary));
    }

    [Fact]
    public async Task EmptyBody_Returns400()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var result = await client.ImportBodyAsync([], "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("IMPORT_FILE_INVALID", result.ErrorCode);
    }

    [Fact]
    public async Task FileOver50MB_Returns413_AndWritesNothing()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var before = await MasterSql.SnapshotAsync(app.Primary);
        var header = TransferTestData.File("goodreads_library_export.csv");
        var file = new byte[(50 * 1024 * 1024) + 1];
        header.CopyTo(file, 0);
        file.AsSpan(header.Length).Fill((byte)'a');

        var result = await client.ImportBodyAsync(file, "text/csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, result.Status);
        Assert.Equal(before, await MasterSql.SnapshotAsync(app.Primary));
    }

    [Fact]
    public async Task HostileCells_AreStoredAsText_AndTooLongOnesFailTheirRowOnly()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var csv = "Title,Author,Exclusive Shelf,My Review,Number of Pages\n" +
            "\"<script>alert(1)</script>\",\"'; DROP TABLE books; --\",read,\"=HYPERLINK(\"\"x\"\")\",12\n" +
            $"Too long,Someone,read,{new string('r', 5001)},10\n" +
            "Negative pages,Someone,to-read,,-5\n" +
            "Huge pages,Someone,to-read,,99999999999\n";

        var result = await client.ImportBodyAsync(Encoding.UTF8.GetBytes(csv), "text/csv");

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(2, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal([3, 5], result.Data.GetProperty("failedRows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("<script>alert(1)</script>|'; DROP TABLE books; --||Finished||12|||=HYPERLINK(\"x\")|12",
            await TransferTestData.ShelfAsync(app.Primary, client.UserId));
    }

    [Fact]
    public async Task Import_WritesOnlyTheCallersShelf()
    {
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        Assert.True((await other.PostAsync("/api/v1/user/books", new { isbn = "9788936434120", title = "소년이 온다", author = "한강", category = "ToRead" })).Ok);
        var otherShelf = await TransferTestData.ShelfAsync(app.Primary, other.UserId);
        var client = await app.CreateApiClient().SignUpAndLoginAsync();

        var result = await client.ImportAsync(TransferTestData.File("goodreads_library_export.csv"));

        Assert.Equal(5, result.Data.GetProperty("imported").GetInt32());
        Assert.Equal(otherShelf, await TransferTestData.ShelfAsync(app.Primary, other.UserId));
        Assert.Empty(await TransferTestData.MemosAsync(app.Primary, other.UserId));
    }

    [Fact]
    public async Task WithoutAToken_Returns401()
    {
        var result = await app.CreateApiClient().ImportAsync(TransferTestData.File("goodreads_library_export.csv"));
        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
    }
}
