using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Shelf;

namespace ReadingTracker.Api.IntegrationTests.Stats;

/// <summary>
/// What GET /stats costs for a heavy reader: 30,000 memos over three years (half of them tagged) and 6,000 progress
/// changes, beside another reader with as many. Rows go straight into both masters (the API would take minutes to
/// write them); the answer's totals are checked against what was written, and the times are recorded in
/// TestResults/stats-benchmark.md, not asserted (they depend on the machine).
/// </summary>
public sealed class StatsMeasurements(AppFactory app) : IClassFixture<AppFactory>
{
    private const int MemosPerReader = 30_000;
    private const int ChangesPerReader = 6_000;
    private const int Years = 3;
    private const int Calls = 20;

    [Fact]
    public async Task Stats_OfAHeavyReader_AreMeasured()
    {
        var reader = await app.CreateApiClient().SignUpAndLoginAsync();
        var other = await app.CreateApiClient().SignUpAndLoginAsync();
        var lastYear = TimeProvider.System.GetUtcNow().Year - 1;
        var seeding = Stopwatch.StartNew();
        var expected = await SeedAsync(reader, lastYear, idBase: 100_000_000);
        await SeedAsync(other, lastYear, idBase: 200_000_000);
        seeding.Stop();

        var times = new List<double>();
        System.Text.Json.JsonElement data = default;
        for (var i = 0; i < Calls; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await reader.GetAsync($"/api/v1/stats?year={lastYear}");
            watch.Stop();
            Assert.True(result.Ok, result.ToString());
            data = result.Data;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var totals = data.GetProperty("totals");
        Assert.Equal(expected.Memos, totals.GetProperty("memos").GetInt64());
        Assert.Equal(expected.Pages, totals.GetProperty("pagesRead").GetInt64());
        times.Sort();
        var provider = TestDatabases.IsMySql ? "MariaDB pair" : "SQLite pair";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {MemosPerReader:N0} memos / {ChangesPerReader:N0} changes over {Years} years, another reader alike | " +
            $"{times[times.Count / 2]:0.0} ms | {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:0.0} ms | {times[^1]:0.0} ms | " +
            $"{totals.GetProperty("memos").GetInt64():N0} memos and {data.GetProperty("memosByDay").GetArrayLength()} days in the year | seeding {seeding.Elapsed.TotalSeconds:0} s |");
        var folder = Path.Combine(RepoRoot(), "TestResults");
        Directory.CreateDirectory(folder);
        await File.AppendAllTextAsync(Path.Combine(folder, "stats-benchmark.md"),
            $"{TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, {Calls} calls of GET /stats?year={lastYear} (median, p95, max)\n{line}\n");
    }

    /// <summary>
    /// Memos spread evenly over <see cref="Years"/> years ending with <paramref name="lastYear"/>, on 10 entries,
    /// every other one tagged; progress changes of 5 pages each over the same span. Returns the last year's figures.
    /// </summary>
    private async Task<(long Memos, long Pages)> SeedAsync(ApiClient client, int lastYear, long idBase)
    {
        var books = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            books.Add(await client.AddReadingAsync(progress: 1, totalPages: 1000));
        }

        var start = new DateTimeOffset(lastYear - Years + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds();
        var end = new DateTimeOffset(lastYear + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds();
        var yearStart = new DateTimeOffset(lastYear, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)).ToUnixTimeMilliseconds();
        var memos = Enumerable.Range(0, MemosPerReader).Select(i => (Id: idBase + i, Book: books[i % 10], At: start + ((end - start) / MemosPerReader * i))).ToList();
        var changes = Enumerable.Range(0, ChangesPerReader).Select(i => (Id: idBase + 50_000 + i, Book: books[i % 10], At: start + ((end - start) / ChangesPerReader * i) + 1)).ToList();
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            await using var connection = MasterSql.Open(master);
            foreach (var chunk in memos.Chunk(500))
            {
                await connection.ExecuteAsync("INSERT INTO memo (id, user_id, user_book_id, page_number, content, memo_start_time, version, created_at, updated_at) VALUES " +
                    string.Join(", ", chunk.Select(m => Invariant($"({m.Id}, {client.UserId}, {m.Book}, {1 + (m.Id % 900)}, 'memo', {m.At}, 1, {m.At}, {m.At})"))));
                await connection.ExecuteAsync("INSERT INTO memo_tags (id, memo_id, tag_id, created_at) VALUES " +
                    string.Join(", ", chunk.Where(m => m.Id % 2 == 0).Select(m => Invariant($"({m.Id + 1_000_000}, {m.Id}, {1 + (m.Id % 8)}, {m.At})"))));
            }

            foreach (var chunk in changes.Chunk(500))
            {
                await connection.ExecuteAsync("INSERT INTO progress_history (id, user_id, user_book_id, from_page, to_page, source, at) VALUES " +
                    string.Join(", ", chunk.Select(c => Invariant($"({c.Id}, {client.UserId}, {c.Book}, 10, 15, 'MEMO', {c.At})"))));
            }
        }

        return (memos.Count(m => m.At >= yearStart), changes.Count(c => c.At >= yearStart) * 5L);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReadingTracker.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ReadingTracker.slnx not found above the test binaries.");
    }
}
