using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Transfer;

/// <summary>
/// The closing figures of import and export on the provider under test: a 5,000-row Goodreads file imported (then
/// again, which writes nothing), and 10,000 memos exported in each format. The times go to
/// TestResults/transfer-benchmark-{provider}.txt; the assertions check only that the work was done.
/// </summary>
public sealed class TransferBenchmark(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Import5000Rows_AndExport10000Memos_RecordsTheirTimes()
    {
        var figures = new StringBuilder();
        var provider = TestDatabases.IsMySql ? "MySql" : "Sqlite";
        figures.AppendLine(CultureInfo.InvariantCulture, $"provider: {provider} (two masters), {TimeProvider.System.GetUtcNow():yyyy-MM-dd}");

        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var file = GoodreadsFile(5000);
        var clock = Stopwatch.StartNew();
        var first = await client.ImportBodyAsync(file, "text/csv");
        var importMs = clock.ElapsedMilliseconds;
        Assert.True(first.Ok, first.ToString());
        Assert.Equal(5000, first.Data.GetProperty("imported").GetInt32());
        clock.Restart();
        var again = await client.ImportBodyAsync(file, "text/csv");
        var reimportMs = clock.ElapsedMilliseconds;
        Assert.Equal(5000, again.Data.GetProperty("alreadyOnShelf").GetInt32());
        figures.AppendLine(CultureInfo.InvariantCulture, $"import 5000 Goodreads rows ({file.Length / 1024} KiB, 1000 private notes): {importMs} ms; same file again (writes nothing): {reimportMs} ms");

        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var memos = OwnExport(books: 100, memosPerBook: 100);
        clock.Restart();
        var seeded = await reader.ImportBodyAsync(memos, "application/json");
        figures.AppendLine(CultureInfo.InvariantCulture, $"import own JSON, 100 books x 100 memos ({memos.Length / 1024} KiB): {clock.ElapsedMilliseconds} ms");
        await WriteAsync(provider, figures);
        Assert.True(seeded.Ok, seeded.ToString());
        Assert.Equal(10000, seeded.Data.GetProperty("memosImported").GetInt32());

        foreach (var path in new[] { "/api/v1/exports/json", "/api/v1/exports/markdown", "/api/v1/exports/goodreads.csv" })
        {
            await reader.DownloadAsync(path); // warm-up
            clock.Restart();
            var (response, body) = await reader.DownloadAsync(path);
            Assert.True(response.IsSuccessStatusCode);
            figures.AppendLine(CultureInfo.InvariantCulture, $"export 10000 memos {path}: {body.Length / 1024} KiB in {clock.ElapsedMilliseconds} ms");
        }

        await WriteAsync(provider, figures);
    }

    private static async Task WriteAsync(string provider, StringBuilder figures)
    {
        var results = Path.Combine(RepoRoot(), "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, $"transfer-benchmark-{provider}.txt"), figures.ToString());
    }

    /// <summary>Real-shaped rows: Korean and English titles, ="…" ISBNs on most, a quoted review on some, a private note on every fifth.</summary>
    private static byte[] GoodreadsFile(int rows)
    {
        var csv = new StringBuilder("Book Id,Title,Author,ISBN,ISBN13,My Rating,Number of Pages,Date Read,Date Added,Exclusive Shelf,My Review,Private Notes\r\n");
        for (var i = 1; i <= rows; i++)
        {
            var isbn13 = i % 7 == 0 ? "=\"\"" : $"=\"{Isbn13(i)}\"";
            var shelf = (i % 3) switch { 0 => "read", 1 => "to-read", _ => "currently-reading" };
            var review = i % 4 == 0 ? "\"좋았다, 정말로.\nA second line, with \"\"quotes\"\".\"" : "";
            var note = i % 5 == 0 ? $"\"{i}번째 책의 메모: 숨이 막힌다.\"" : "";
            csv.Append(CultureInfo.InvariantCulture, $"{i},\"책 {i}: A Title, Volume {i}\",저자 {i % 97},,\"{isbn13.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{i % 6},{100 + (i % 400)},{(shelf == "read" ? "2024/03/02" : "")},2023/12/01,{shelf},{review},{note}\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Isbn13(int i)
    {
        var stem = "979" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture);
        var sum = stem.Select((c, k) => (c - '0') * (k % 2 == 0 ? 1 : 3)).Sum();
        return stem + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    private static byte[] OwnExport(int books, int memosPerBook)
    {
        var document = new
        {
            format = "reading-tracker-export",
            version = 1,
            books = Enumerable.Range(1, books).Select(b => new
            {
                title = $"메모가 많은 책 {b}", author = "작가", totalPages = 500, category = "Reading", readingStartDate = "2024-01-01", readingProgress = 100,
                memos = Enumerable.Range(1, memosPerBook).Select(m => new
                {
                    pageNumber = 1 + (m % 500), content = $"{b}-{m}: 숨이 막힌다. 동물이 뛰어간다. A memo of some length to look like a real one, with a quote.",
                    memoStartTime = $"2024-02-{1 + (m % 28):00}T12:00:00Z", tags = new[] { "quote", "character" },
                }),
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReadingTracker.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
