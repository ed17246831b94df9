using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Memos.Search;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Benchmarks;

/// <summary>
/// Memo search latency (issue 16, ADR-015): one reader with <c>memos</c> memos, seeded straight into both masters by
/// multi-row INSERTs in large transactions. Both, because a read that misses its deadline on Primary (1.5 s) is
/// answered by Secondary: with the rows on Primary only, a slow first search came back empty and looked fast. The rows are the write path's own
/// (<see cref="MemoTable.Insert"/> and <see cref="MemoSearchTable.Insert"/>), so the search tokens are exactly what a
/// memo create writes; on SQLite the FTS triggers index them as they would any create. Before any query is timed, its
/// hits are counted through the API and compared with the count the seeded text calls for. Then each query is asked
/// over HTTP, one at a time, warm, and its p50 / p95 / p99 printed as a markdown table per provider for
/// docs/benchmarks.md.
/// </summary>
public static class SearchBenchmark
{
    private const int RowsPerStatement = 500;

    private const int RowsPerTransaction = 10_000;

    // The kinds of query a reader types, each with the query asked.
    private static readonly (string Kind, string Query)[] Queries =
    [
        ("Korean, 2 syllables inside a word", "물이"),
        ("Korean word", "막힌다"),
        ("English word", "whale"),
        ("mixed Korean and English", "데미안 sinclair"),
        ("phrase of three words", "새는 알을 깨고"),
        ("rare term", "드문낱말"),
        ("common term", "the"),
    ];

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

    /// <param name="providers">"both" (default), "mariadb" or "sqlite".</param>
    /// <param name="rounds">Timed requests per query (after 5 warm-up ones).</param>
    public static async Task<int> RunAsync(Services services, int memos, string providers = "both", int rounds = 200)
    {
        var tables = new List<string>();
        var loads = new List<string> { "before: " + LoadAverage() };
        if (providers is "both" or "mariadb")
        {
            var mariaDb = (await services.CreateDatabaseAsync("db1", "bench_search"), await services.CreateDatabaseAsync("db2", "bench_search"));
            await using (var server = await ServerProcess.StartAsync(mariaDb.Item1, mariaDb.Item2, null))
            {
                tables.Add(await MeasureAsync("MariaDB pair (newest-memo walk; InnoDB FULLTEXT when the words are rare)", server, memos, rounds,
                    [() => new MySqlConnection(mariaDb.Item1), () => new MySqlConnection(mariaDb.Item2)]));
            }

            loads.Add("after MariaDB: " + LoadAverage());
        }

        if (providers is not ("both" or "sqlite"))
        {
            return Print(memos, rounds, tables, loads);
        }

        var folder = Directory.CreateTempSubdirectory("rt-bench-search-").FullName;
        var primary = $"Data Source={Path.Combine(folder, "primary.db")}";
        var secondary = $"Data Source={Path.Combine(folder, "secondary.db")}";
        await using (var server = await ServerProcess.StartAsync(primary, secondary, null, settings: new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
        }))
        {
            tables.Add(await MeasureAsync("SQLite pair (newest-memo walk; FTS5 memo_search_fts when the words are rare)", server, memos, rounds,
                [() => new SqliteConnection(primary), () => new SqliteConnection(secondary)]));
        }

        loads.Add("after SQLite: " + LoadAverage());
        Directory.Delete(folder, recursive: true);
        return Print(memos, rounds, tables, loads);
    }

    private static int Print(int memos, int rounds, List<string> tables, List<string> loads)
    {
        Console.WriteLine($"Run {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores shared by every process, " +
            $"{memos:N0} memos of one reader, {rounds} requests per query after a warm-up, one at a time, over HTTP. " +
            $"/proc/loadavg {string.Join("; ", loads)}.");
        foreach (var table in tables)
        {
            Console.WriteLine();
            Console.WriteLine(table);
        }

        return 0;
    }

    private static async Task<string> MeasureAsync(string name, ServerProcess server, int memos, int rounds, Func<DbConnection>[] masters)
    {
        var reader = await Reader.CreateAsync(server.Url);
        await using var connection = masters[0]();
        await connection.OpenAsync();
        long userId;
        string title;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT ub.user_id, b.title FROM user_books ub JOIN books b ON b.id = ub.book_id WHERE ub.id = @id";
            RowSql.AddParameter(command, "id", reader.Book);
            await using var row = await command.ExecuteReaderAsync();
            await row.ReadAsync();
            (userId, title) = (row.GetInt64(0), row.GetString(1));
        }

        var seeding = Stopwatch.StartNew();
        IReadOnlyList<string> contents = [];
        foreach (var master in masters)
        {
            await using var target = master();
            await target.OpenAsync();
            contents = await SeedAsync(target, userId, reader.Book, memos);
        }

        var seeded = seeding.Elapsed;
        Console.Error.WriteLine($"{name}: seeded {memos:N0} memos of user {userId} in {seeded.TotalSeconds:F0} s into {connection.ConnectionString}");

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"**{name}** — seeded {memos:N0} memos in {seeded.TotalSeconds:F0} s; load average {LoadAverage()} before timing.");
        table.AppendLine();
        table.AppendLine("| query kind | query | memos that match | p50 ms | p95 ms | p99 ms | max ms |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        var all = new List<double>();
        foreach (var (kind, query) in Queries)
        {
            var expected = Expected(contents, title, query);
            await CheckHitsAsync(reader.Http, query, expected, server);
            var path = "/api/v1/memos/search?q=" + Uri.EscapeDataString(query);
            for (var i = 0; i < 5; i++)
            {
                await GetAsync(reader.Http, path, server); // warm-up
            }

            var times = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var clock = Stopwatch.StartNew();
                await GetAsync(reader.Http, path, server);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            all.AddRange(times);
            times.Sort();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind} | `{query}` | {expected:N0} | {Percentile(times, 0.50):F1} | {Percentile(times, 0.95):F1} | {Percentile(times, 0.99):F1} | {times[^1]:F1} |");
        }

        all.Sort();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| **every query** | | | {Percentile(all, 0.50):F1} | **{Percentile(all, 0.95):F1}** | {Percentile(all, 0.99):F1} | {all[^1]:F1} |");
        return table.ToString();
    }

    /// <summary>
    /// How many memos the search must find: those whose text holds every word of the query (normalised as the server
    /// does), or all of them when the book's title holds the whole query.
    /// </summary>
    private static int Expected(IReadOnlyList<string> contents, string title, string q)
    {
        var query = SearchQuery.Parse(q);
        if (SearchGrams.Normalize(title).Contains(query.Phrase, StringComparison.Ordinal))
        {
            return contents.Count;
        }

        return contents.Count(c =>
        {
            var text = SearchGrams.Normalize(c);
            return query.Words.All(w => text.Contains(w, StringComparison.Ordinal));
        });
    }

    /// <summary>
    /// Pages through the answers (50 a page, up to the last page the API serves) and fails unless they are exactly the
    /// expected number (all of them when fewer than the API pages through, else every page full), each one distinct.
    /// A search that finds nothing because the index missed the seeded rows must not be timed as a fast one.
    /// </summary>
    private static async Task CheckHitsAsync(HttpClient http, string query, int expected, ServerProcess server)
    {
        const int Limit = SearchMemos.MaxPageSize;
        var ids = new HashSet<long>();
        var more = true;
        for (var page = 1; more && page <= SearchMemos.MaxPage; page++)
        {
            var answer = JsonDocument.Parse(await GetAsync(http, $"/api/v1/memos/search?q={Uri.EscapeDataString(query)}&page={page}&limit={Limit}", server)).RootElement;
            var data = answer.GetProperty("data");
            foreach (var item in data.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("memoId").GetInt64());
            }

            more = data.GetProperty("hasMore").GetBoolean();
        }

        var reachable = Math.Min(expected, Limit * SearchMemos.MaxPage);
        if (ids.Count != reachable || (expected > reachable) != more)
        {
            throw new InvalidOperationException($"The search for '{query}' found {ids.Count} memos (more: {more}); the seeded text calls for {expected}.");
        }
    }

    /// <summary>A search's answer; anything but 200 stops the run with the answer and the server's last output lines.</summary>
    private static async Task<string> GetAsync(HttpClient http, string path, ServerProcess server)
    {
        HttpResponseMessage answer;
        try
        {
            answer = await http.GetAsync(path);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"GET {path}: {ex.Message}\nServer output:\n{server.OutputTail}", ex);
        }

        using var response = answer;
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}\nServer output:\n{server.OutputTail}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>
    /// The memos and their search rows, built by the write path's own table writes, as multi-row INSERTs of
    /// <see cref="RowsPerStatement"/> rows, committed every <see cref="RowsPerTransaction"/> rows. Returns the texts.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(DbConnection connection, long userId, long book, int memos)
    {
        var random = new Random(16);
        var contents = new List<string>(memos);
        const long FirstId = 9_000_000_000_000;
        for (var start = 0; start < memos; start += RowsPerTransaction)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            for (var chunk = start; chunk < Math.Min(memos, start + RowsPerTransaction); chunk += RowsPerStatement)
            {
                var rows = Enumerable.Range(chunk, Math.Min(RowsPerStatement, memos - chunk)).Select(i =>
                {
                    var content = Sentence(random);
                    contents.Add(content);
                    var at = 1_700_000_000_000L + (i * 60_000L);
                    return new MemoRow
                    {
                        Id = FirstId + i, UserId = userId, UserBookId = book, PageNumber = 1 + (i % 300), Content = content, MemoStartTime = at,
                        Version = 1, CreatedAt = at, UpdatedAt = at,
                    };
                }).ToList();
                await InsertAsync(connection, transaction, [.. rows.Select(MemoTable.Insert)]);
                await InsertAsync(connection, transaction, [.. rows.Select(MemoSearchTable.Insert)]);
            }

            await transaction.CommitAsync();
        }

        return contents;
    }

    /// <summary>One INSERT of many rows of one table, from the write path's row writes (same columns, same values).</summary>
    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RowWrite> writes)
    {
        var columns = writes[0].Values.Keys.ToList();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {writes[0].Table} ({string.Join(", ", columns)}) VALUES ");
        for (var i = 0; i < writes.Count; i++)
        {
            sql.Append(i == 0 ? "(" : ", (").AppendJoin(", ", columns.Select(c => $"@r{i}_{c}")).Append(')');
            foreach (var column in columns)
            {
                RowSql.AddParameter(command, $"r{i}_{column}", writes[i].Values[column]);
            }
        }

        command.CommandText = sql.ToString();
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    // 8 to 20 words, mostly Korean, some English; a rare word now and then.
    private static string Sentence(Random random)
    {
        var words = Enumerable.Range(0, random.Next(8, 21)).Select(_ => random.Next(10) < 7 ? Korean[random.Next(Korean.Length)] : English[random.Next(English.Length)]);
        return string.Join(' ', words) + (random.Next(1000) == 0 ? " 드문낱말" : "");
    }
}
