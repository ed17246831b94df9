using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>
/// The server process itself dies (SIGKILL) at random moments while clients post 100-memo batches, twenty times
/// and more; the clients retry every unacknowledged batch, as the offline client does. Afterwards every
/// acknowledged memo is on both masters exactly once and the consistency check is clean, with nobody acting.
/// Guards the defect where a kill between the Primary and the Secondary commit left whole batches on Primary
/// only, and the retry was answered 200 from Primary. Runs on the provider under test (SQLite pair or MariaDB
/// pair); no database is harmed, only the server.
/// </summary>
[Trait("Category", "ServerCrash")]
public sealed class ServerCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 20;
    private const int Writers = 3;
    private const int BatchSize = 100;
    private readonly string _directory = Directory.CreateTempSubdirectory("rt-crash-").FullName;
    private readonly string _admin = "adm" + Guid.NewGuid().ToString("N")[..12];
    private readonly int _port = ServerProcess.FreePort();
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private (string Primary, string Secondary) _masters;
    private ServerProcess? _server;
    private int _batchesSent;
    private int _batchesRetried;
    private int _batchesAcknowledged;

    public async Task InitializeAsync() => _masters = await TestDatabases.CreatePairAsync(_directory);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file for a moment; the OS cleans its temp folder.
        }
    }

    [Fact]
    public async Task ServerKilledDuringConcurrentBatchWrites_EveryAcknowledgedMemoEndsOnBothMastersOnce_AndTheCheckIsClean()
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
        var outputs = new List<string>();
        var restart = Stopwatch.StartNew();
        for (var kill = 0; kill < Kills; kill++)
        {
            // Each life of the server acknowledges at least one batch, then dies at a random moment of the writes
            // that follow — whatever the machine's speed, the kills land mid-write and the run makes progress.
            await WaitForAnAcknowledgementAsync();
            await Task.Delay(random.Next(0, 700));
            await _server.KillAsync();
            outputs.Add(_server.Output);
            await _server.DisposeAsync();
            _server = await StartServerAsync();
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{Kills} kills in {restart.Elapsed.TotalSeconds:F0} s; {_batchesSent} batch requests sent, {_batchesAcknowledged} acknowledged, {_batchesRetried} were retries after no answer or a 503");

        var clean = await WaitForConsistencyAsync(admin, TimeSpan.FromSeconds(20));
        outputs.Add(_server.Output);
        var replays = outputs.Sum(o => CountOccurrences(o, "replayed from Primary to Secondary"));
        output.WriteLine($"consistent after {clean.TotalSeconds:F1} s; {replays} outbox entries replayed; {_acknowledged.Count} acknowledged memos checked");

        Assert.True(_acknowledged.Count >= Writers * BatchSize, $"only {_acknowledged.Count} memos were acknowledged");
        foreach (var master in new[] { _masters.Primary, _masters.Secondary })
        {
            var rows = (await MasterSqlRows(master)).ToLookup(r => r.ClientId, StringComparer.Ordinal);
            foreach (var (clientId, id) in _acknowledged)
            {
                var copies = rows[clientId].ToList();
                Assert.True(copies.Count == 1, $"{clientId}: {copies.Count} rows on {(master == _masters.Primary ? "Primary" : "Secondary")}");
                Assert.Equal(id, copies[0].Id);
            }
        }

        Assert.Equal(0, await MasterSql.CountAsync(_masters.Primary, "SELECT COUNT(*) FROM write_outbox"));
    }

    /// <summary>Posts batches until stopped; a batch without an answer is sent again, same clientIds, until one comes.</summary>
    private async Task WriteUntilStoppedAsync(ApiClient client, long book, int writer, CancellationToken stop)
    {
        var pending = (object[]?)null;
        var sequence = 0;
        while (!stop.IsCancellationRequested || pending is not null)
        {
            var batch = pending ?? [.. Enumerable.Range(0, BatchSize).Select(_ => Item(book, $"w{writer} m{sequence++}"))];
            Interlocked.Increment(ref _batchesSent);
            if (pending is not null)
            {
                Interlocked.Increment(ref _batchesRetried);
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
                && await MasterSql.CountAsync(_masters.Primary, "SELECT COUNT(*) FROM write_outbox") == 0)
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
        ["Database:Provider"] = TestDatabases.IsMySql ? "MySql" : "Sqlite",
        ["ConnectionStrings:Primary"] = _masters.Primary,
        ["ConnectionStrings:Secondary"] = _masters.Secondary,
        ["ConnectionStrings:Redis"] = "",
        ["Storage:DataDirectory"] = _directory,
        ["Jwt:Secret"] = "server-crash-tests-secret-of-at-least-32-bytes",
        ["Auth:PasswordHashIterations"] = "1000",
        ["Auth:LoginPermitsPerMinute"] = "1000",
        ["Aladin:TtbKey"] = "",
        ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
        ["Admin:LoginIds:0"] = _admin,
        // A dead server's writes are over: a short grace lets the test see the replay within seconds.
        ["Recovery:OutboxGraceSeconds"] = "2",
    });

    private async Task<ApiClient> SignUpAsync(string loginId)
    {
        var client = new ApiClient(new HttpClient { BaseAddress = _server!.Address, Timeout = TimeSpan.FromSeconds(30) });
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

    private static async Task<IEnumerable<(string ClientId, long Id)>> MasterSqlRows(string master)
    {
        await using var connection = MasterSql.Open(master);
        return await Dapper.SqlMapper.QueryAsync<(string, long)>(connection, "SELECT client_id, id FROM memo WHERE client_id IS NOT NULL");
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
