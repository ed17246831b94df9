using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dapper;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

/// <summary>
/// Clients post 100-memo batches to the built server (its own process) while it is SIGKILLed again and again;
/// every batch without an answer, or answered 503, is sent again with the same clientIds until one comes, as
/// the offline client does. <see cref="RunAsync"/> then waits, with nobody acting, until the masters are equal
/// and the outbox is empty, and checks that every acknowledged memo is on both masters exactly once.
/// </summary>
public sealed class ServerKillRun(string primary, string secondary, string dataDirectory, ITestOutputHelper output) : IAsyncDisposable
{
    private const int Writers = 3;
    private const int BatchSize = 100;
    private readonly string _admin = "adm" + Guid.NewGuid().ToString("N")[..12];
    private readonly int _port = ServerProcess.FreePort();
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly List<string> _outputs = [];
    private ServerProcess? _server;
    private int _requests;
    private int _retries;
    private int _batchesAcknowledged;

    /// <summary>
    /// Runs <paramref name="kills"/> server kills. <paramref name="whileDown"/> runs after each kill, before the
    /// restart (a database fault of the chaos run); it returns false while a master is down, when no batch can be
    /// acknowledged and the next kill comes after a random moment instead of after an acknowledgement.
    /// </summary>
    public async Task RunAsync(int kills, Func<int, Task<bool>>? whileDown = null)
    {
        _server = await StartServerAsync();
        var admin = await SignUpAsync(_admin);
        var readers = new List<(ApiClient Client, long Book)>();
        for (var i = 0; i < Writers; i++)
        {
            var reader = await SignUpAsync("w" + Guid.NewGuid().ToString("N")[..12]);
            readers.Add((reader, await reader.AddBookAsync("crash")));
        }

        using var stop = new CancellationTokenSource();
        var writers = readers.Select((r, i) => Task.Run(() => WriteUntilStoppedAsync(r.Client, r.Book, i, stop.Token))).ToList();
        var random = new Random(20261129);
        var whole = true;
        var watch = Stopwatch.StartNew();
        for (var kill = 0; kill < kills; kill++)
        {
            // Each life of a server with both masters acknowledges at least one batch and then dies at a random
            // moment of the writes that follow: whatever the machine's speed, kills land mid-write and the run
            // makes progress.
            if (whole)
            {
                await WaitForAnAcknowledgementAsync();
            }

            await Task.Delay(random.Next(0, 700));
            await _server.KillAsync();
            _outputs.Add(_server.Output);
            await _server.DisposeAsync();
            whole = whileDown is null || await whileDown(kill);
            _server = await StartServerAsync();
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{kills} server kills in {watch.Elapsed.TotalSeconds:F0} s; {_requests} batch requests, {_batchesAcknowledged} acknowledged, {_retries} were retries after no answer or a 503");

        var clean = await WaitForConsistencyAsync(admin, TimeSpan.FromSeconds(30));
        _outputs.Add(_server.Output);
        var replays = _outputs.Sum(o => CountOccurrences(o, "replayed from Primary to Secondary"));
        output.WriteLine($"consistent {clean.TotalSeconds:F1} s after the last restart; {replays} outbox entries replayed; {_acknowledged.Count} acknowledged memos checked on both masters");

        Assert.True(_batchesAcknowledged >= kills, $"only {_batchesAcknowledged} batches were acknowledged");
        foreach (var (master, name) in new[] { (primary, "Primary"), (secondary, "Secondary") })
        {
            var rows = (await MemoRowsAsync(master)).ToLookup(r => r.ClientId, StringComparer.Ordinal);
            foreach (var (clientId, id) in _acknowledged)
            {
                var copies = rows[clientId].ToList();
                Assert.True(copies.Count == 1, $"{clientId}: {copies.Count} rows on {name}");
                Assert.Equal(id, copies[0].Id);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task WriteUntilStoppedAsync(ApiClient client, long book, int writer, CancellationToken stop)
    {
        var pending = (object[]?)null;
        var sequence = 0;
        while (!stop.IsCancellationRequested || pending is not null)
        {
            var batch = pending ?? [.. Enumerable.Range(0, BatchSize).Select(_ => Item(book, $"w{writer} m{sequence++}"))];
            Interlocked.Increment(ref _requests);
            if (pending is not null)
            {
                Interlocked.Increment(ref _retries);
            }

            pending = await TrySendAsync(client, batch) ? null : batch;
            if (pending is not null)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task<bool> TrySendAsync(ApiClient client, object[] batch)
    {
        ApiResult result;
        try
        {
            result = await client.PostAsync("/api/v1/memos/batch", new { memos = batch });
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false; // the server died under the request: no answer, no acknowledgement
        }

        if (result.Status != HttpStatusCode.OK)
        {
            Assert.True(result.Status == HttpStatusCode.ServiceUnavailable, $"unexpected answer {result}");
            return false;
        }

        foreach (var item in result.Data.GetProperty("results").EnumerateArray())
        {
            Assert.Equal(200, item.GetProperty("status").GetInt32());
            var clientId = item.GetProperty("clientId").GetString()!;
            var id = item.GetProperty("memo").GetProperty("id").GetInt64();
            // A retried batch must answer the ids of its first acknowledgement, never a second memo.
            Assert.Equal(id, _acknowledged.GetOrAdd(clientId, id));
        }

        Interlocked.Increment(ref _batchesAcknowledged);
        return true;
    }

    private async Task WaitForAnAcknowledgementAsync()
    {
        var seen = Volatile.Read(ref _batchesAcknowledged);
        var watch = Stopwatch.StartNew();
        while (Volatile.Read(ref _batchesAcknowledged) == seen && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        Assert.True(Volatile.Read(ref _batchesAcknowledged) > seen, "no batch was acknowledged in 60 s");
    }

    private async Task<TimeSpan> WaitForConsistencyAsync(ApiClient admin, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        ApiResult report;
        do
        {
            report = await admin.GetAsync("/api/v1/admin/consistency");
            Assert.True(report.Ok, report.ToString());
            if (report.Data.GetProperty("consistent").GetBoolean()
                && await MasterSql.CountAsync(primary, "SELECT COUNT(*) FROM write_outbox") == 0)
            {
                return watch.Elapsed;
            }

            await Task.Delay(250);
        }
        while (watch.Elapsed < limit);

        Assert.Fail($"masters still differ {limit.TotalSeconds} s after the last restart: {report}");
        return watch.Elapsed;
    }

    private Task<ServerProcess> StartServerAsync() => ServerProcess.StartAsync(_port, new Dictionary<string, string?>
    {
        ["Database:Provider"] = primary.StartsWith("Data Source=", StringComparison.Ordinal) ? "Sqlite" : "MySql",
        ["ConnectionStrings:Primary"] = primary,
        ["ConnectionStrings:Secondary"] = secondary,
        ["ConnectionStrings:Redis"] = "",
        ["Storage:DataDirectory"] = dataDirectory,
        ["Jwt:Secret"] = "server-crash-tests-secret-of-at-least-32-bytes",
        ["Auth:PasswordHashIterations"] = "1000",
        ["Auth:LoginPermitsPerMinute"] = "1000",
        ["Auth:SignupPermitsPerMinute"] = "1000",
        // Three writers store thousands of memos a minute each: the write quota is not what is tested.
        ["Quota:WriteRowsPerMinute"] = "100000000",
        ["Aladin:TtbKey"] = "",
        ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
        ["Admin:LoginIds:0"] = _admin,
        // A dead server's writes are over: a short grace lets the test see the replay within seconds.
        ["Recovery:OutboxGraceSeconds"] = "2",
        // Recovery events of the database faults are repaired without the test's help.
        ["Recovery:IntervalSeconds"] = "2",
        ["Database:CircuitBreakSeconds"] = "2",
    });

    private async Task<ApiClient> SignUpAsync(string loginId)
    {
        var client = new ApiClient(_server!.CreateHttpClient());
        var signup = await client.PostAsync("/api/v1/auth/signup", new { loginId, email = $"{loginId}@example.com", name = "Reader", password = ApiClient.Password });
        Assert.True(signup.Ok, signup.ToString());
        Assert.True((await client.LoginAsync(loginId, ApiClient.Password)).Ok);
        return client;
    }

    private static object Item(long book, string content) => new
    {
        userBookId = book, pageNumber = 5, content, tags = new[] { "quote" }, tagCategory = "TYPE",
        memoStartTime = "2026-11-02T10:00:00", clientId = Guid.NewGuid().ToString(),
    };

    private static async Task<IEnumerable<(string ClientId, long Id)>> MemoRowsAsync(string master)
    {
        await using var connection = MasterSql.Open(master);
        return await connection.QueryAsync<(string, long)>("SELECT client_id, id FROM memo WHERE client_id IS NOT NULL");
    }

    private static int CountOccurrences(string text, string value)
    {
        var (count, index) = (0, 0);
        while ((index = text.IndexOf(value, index, StringComparison.Ordinal)) >= 0)
        {
            count++;
            index += value.Length;
        }

        return count;
    }
}
