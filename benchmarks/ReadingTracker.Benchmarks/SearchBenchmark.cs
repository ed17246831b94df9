using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using ReadingTracker.Api.Memos.Search;

namespace ReadingTracker.Benchmarks;

/// <summary>
/// Memo search latency (issue 16, ADR-015): one reader with <c>memos</c> memos, seeded straight into Primary by bulk SQL
/// (the server's own tokenizer makes the search rows; on SQLite the FTS triggers index them), then each query asked
/// over HTTP, one at a time, after a warm-up. Prints a markdown table per provider for docs/benchmarks.md.
/// </summary>
public static class SearchBenchmark
{
    private const int Rounds = 40;

    // Queries of every kind: Korean of one, two and more syllables (inside longer words), English, mixed, common and rare.
    private static readonly string[] Queries = ["숨이", "물이", "책", "막힌다", "고래", "whale", "the", "ishmael white", "데미안 sinclair", "없는말"];

    private static readonly string[] Korean =
    [
        "숨이", "막힌다", "동물이", "좋아하는", "바다", "고래", "문장", "밑줄", "마음", "오늘", "책을", "읽었다", "생각", "사람들", "시간이",
        "흘렀다", "데미안", "싱클레어", "새는", "알을", "깨고", "나온다", "기억", "창밖", "비가", "내린다", "조용히", "다시", "처음", "끝까지",
        "이야기", "주인공", "작가는", "말했다", "아름다운", "슬픈", "도시", "숲", "길을", "걸었다", "빛", "그림자", "물이", "흐른다", "편지",
    ];

    private static readonly string[] English =
    [
        "the", "whale", "call", "me", "ishmael", "white", "sea", "book", "reading", "quote", "line", "page", "chapter", "sinclair", "demian",
        "light", "shadow", "river", "letter", "memory", "quiet", "again", "first", "end", "story", "author", "said", "beautiful", "city",
    ];

    public static async Task<int> RunAsync(Services services, int memos)
    {
        var tables = new List<string>();
        var mariaDb = (await services.CreateDatabaseAsync("db1", "bench_search"), await services.CreateDatabaseAsync("db2", "bench_search"));
        await using (var server = await ServerProcess.StartAsync(mariaDb.Item1, mariaDb.Item2, null))
        {
            tables.Add(await MeasureAsync("MariaDB pair (InnoDB FULLTEXT over letter-pair tokens)", server.Url, memos,
                () => new MySqlConnection(mariaDb.Item1 + ";Allow User Variables=true"), mySql: true));
        }

        var folder = Directory.CreateTempSubdirectory("rt-bench-search-").FullName;
        var primary = $"Data Source={Path.Combine(folder, "primary.db")}";
        await using (var server = await ServerProcess.StartAsync(primary, $"Data Source={Path.Combine(folder, "secondary.db")}", null, settings: new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
        }))
        {
            tables.Add(await MeasureAsync("SQLite pair (FTS5 trigram; memo_search_fts for 1–2 characters)", server.Url, memos,
                () => new SqliteConnection(primary), mySql: false));
        }

        Directory.Delete(folder, recursive: true);
        Console.WriteLine($"Run {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores shared by every process, " +
            $"{memos:N0} memos of one reader, {Rounds} requests per query after a warm-up, one at a time, over HTTP.");
        foreach (var table in tables)
        {
            Console.WriteLine();
            Console.WriteLine(table);
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(string name, string url, int memos, Func<DbConnection> connect, bool mySql)
    {
        var reader = await Reader.CreateAsync(url);
        await using var connection = connect();
        await connection.OpenAsync();
        var userId = await connection.ExecuteScalarAsync<long>("SELECT user_id FROM user_books WHERE id = @id", new { id = reader.Book });
        var seeding = Stopwatch.StartNew();
        await SeedAsync(connection, userId, reader.Book, memos, mySql);
        var seeded = seeding.Elapsed;

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"**{name}** — seeded {memos:N0} memos in {seeded.TotalSeconds:F0} s.");
        table.AppendLine();
        table.AppendLine("| query | results on page 1 (of 20) | p50 ms | p95 ms | max ms |");
        table.AppendLine("|---|---:|---:|---:|---:|");
        var all = new List<double>();
        foreach (var query in Queries)
        {
            var path = "/api/v1/memos/search?q=" + Uri.EscapeDataString(query);
            var first = await reader.Http.GetFromJsonAsync<JsonElement>(path); // warm-up
            var count = first.GetProperty("data").GetProperty("items").GetArrayLength();
            var times = new List<double>();
            for (var i = 0; i < Rounds; i++)
            {
                var clock = Stopwatch.StartNew();
                (await reader.Http.GetAsync(path)).EnsureSuccessStatusCode();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            all.AddRange(times);
            times.Sort();
            table.AppendLine(CultureInfo.InvariantCulture, $"| `{query}` | {count} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {times[^1]:F1} |");
        }

        all.Sort();
        table.AppendLine(CultureInfo.InvariantCulture, $"| **every query** | | {Percentile(all, 0.50):F1} | **{Percentile(all, 0.95):F1}** | {all[^1]:F1} |");
        return table.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Memo rows and their search rows, a thousand per statement, in Primary only (the search reads Primary).</summary>
    private static async Task SeedAsync(DbConnection connection, long userId, long book, int memos, bool mySql)
    {
        var random = new Random(16);
        if (mySql)
        {
            // A FULLTEXT index is built far faster once over the loaded rows than row by row.
            await connection.ExecuteAsync("DROP INDEX ft_memo_search_grams ON memo_search");
        }

        const long FirstId = 9_000_000_000_000;
        for (var start = 0; start < memos; start += 1000)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var rows = Enumerable.Range(start, Math.Min(1000, memos - start)).Select(i =>
            {
                var content = Sentence(random);
                var at = 1_700_000_000_000L + (i * 60_000L);
                return new { id = FirstId + i, userId, book, page = 1 + (i % 300), content, at, grams = SearchGrams.Of(content) };
            }).ToList();
            await connection.ExecuteAsync(
                "INSERT INTO memo (id, user_id, user_book_id, client_id, page_number, content, memo_start_time, version, created_at, updated_at) " +
                "VALUES (@id, @userId, @book, NULL, @page, @content, @at, 1, @at, @at)", rows, transaction);
            await connection.ExecuteAsync("INSERT INTO memo_search (id, user_id, grams) VALUES (@id, @userId, @grams)", rows, transaction);
            await transaction.CommitAsync();
        }

        if (mySql)
        {
            await connection.ExecuteAsync("CREATE FULLTEXT INDEX ft_memo_search_grams ON memo_search (grams)", commandTimeout: 3600);
        }
    }

    // 8 to 20 words, mostly Korean, some English; a rare word now and then.
    private static string Sentence(Random random)
    {
        var words = Enumerable.Range(0, random.Next(8, 21)).Select(_ => random.Next(10) < 7 ? Korean[random.Next(Korean.Length)] : English[random.Next(English.Length)]);
        return string.Join(' ', words) + (random.Next(1000) == 0 ? " 드문낱말" : "");
    }
}
