using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReadingTracker.Benchmarks;

/// <summary>One signed-up user with a shelf book and an HTTP client that carries their token.</summary>
public sealed class Reader(HttpClient http, long book)
{
    private static int _created;

    public HttpClient Http { get; } = http;

    public long Book { get; } = book;

    public static async Task<Reader> CreateAsync(string url)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var loginId = "b" + Guid.NewGuid().ToString("N")[..12];
        (await http.PostAsJsonAsync("/api/v1/auth/signup", new { loginId, email = loginId + "@example.com", name = "Bench", password = "p@ssword1!" })).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { loginId, password = "p@ssword1!" })).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("data").GetProperty("accessToken").GetString());
        var book = await (await http.PostAsJsonAsync("/api/v1/user/books", new { title = "Bench", author = "A", totalPages = 300, category = "Reading", readingStartDate = "2026-11-01", readingProgress = 10 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return new Reader(http, book.GetProperty("data").GetProperty("userBookId").GetInt64());
    }

    public async Task<bool> CreateMemoAsync(bool withIdempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos")
        {
            Content = JsonContent.Create(new
            {
                userBookId = Book, pageNumber = 12, content = "벤치마크 메모 " + Interlocked.Increment(ref _created), tags = new[] { "quote" }, tagCategory = "TYPE",
                memoStartTime = "2026-11-02T10:00:00", clientId = Guid.NewGuid().ToString(),
            }),
        };
        if (withIdempotencyKey)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        using var response = await Http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The offline client's sync: <paramref name="size"/> queued creates in one POST /memos/batch, each with its clientId.</summary>
    public async Task<bool> CreateMemoBatchAsync(int size)
    {
        var memos = Enumerable.Range(0, size).Select(i => new
        {
            userBookId = Book, pageNumber = 1 + i, content = "오프라인 메모 " + Interlocked.Increment(ref _created), tags = Array.Empty<string>(), tagCategory = "TYPE",
            memoStartTime = "2026-11-02T10:00:00", clientId = Guid.NewGuid().ToString(),
        });
        using var response = await Http.PostAsJsonAsync("/api/v1/memos/batch", new { memos });
        return response.IsSuccessStatusCode;
    }

    public async Task<bool> ReadShelfAsync()
    {
        using var response = await Http.GetAsync("/api/v1/user/books");
        return response.IsSuccessStatusCode;
    }
}

public sealed record LoadResult(string Scenario, int Clients, int Ok, int Failed, double Seconds, double PerSecond, double P50, double P99);

/// <summary>N concurrent clients repeating one operation for a while; latency of every call in the measured part.</summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string scenario, IReadOnlyList<Reader> readers, TimeSpan duration, Func<Reader, Task<bool>> operation)
    {
        // Warm-up for 5 s: JIT tiering, connection pools, caches (a server under steady load is warm).
        var warmUp = Stopwatch.StartNew();
        await Task.WhenAll(readers.Select(async r =>
        {
            while (warmUp.Elapsed < TimeSpan.FromSeconds(5))
            {
                await operation(r);
            }
        }));
        var latencies = new List<double>[readers.Count];
        var (ok, failed) = (0, 0);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(readers.Select(async (reader, index) =>
        {
            var mine = latencies[index] = [];
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var success = await operation(reader);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (success)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(scenario, readers.Count, ok, failed, seconds, ok / seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    /// <summary>From the moment of <paramref name="fault"/>, back-to-back reads until one that started after it succeeds.</summary>
    public static async Task<double> TimeToFirstSuccessAsync(Reader reader, Action fault)
    {
        var watch = Stopwatch.StartNew();
        fault();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await reader.ReadShelfAsync())
            {
                return watch.Elapsed.TotalMilliseconds;
            }
        }

        return double.PositiveInfinity;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
