using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MySqlConnector;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using Xunit.Abstractions;

namespace ReadingTracker.Api.IntegrationTests.Cluster;

/// <summary>
/// Issue 15: two server instances, as separate processes, on a 3-node Galera cluster (Database:Topology Cluster),
/// take memo writes through HAProxy running the repository's deploy/haproxy.cfg. A Galera node dies by SIGKILL — the
/// one every connection goes to first — and then one server instance, which the balancer's health check takes out. Every acknowledged memo must be on every node exactly
/// once, the writes must go on through the surviving instance, the killed node must rejoin and catch up, and an
/// Idempotency-Key used on one instance must replay on the other.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 4;
    private const int AcknowledgementsPerPhase = 30;
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly List<ServerProcess> _servers = [];
    private readonly ConcurrentDictionary<string, int> _servedBy = new(StringComparer.Ordinal);
    private LoadBalancer? _balancer;
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("rt-cluster-").FullName;
    private int _unanswered;
    private int _unavailable;
    private int _inFlight;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoInstancesOnGalera_ANodeAndThenAnInstanceKilledMidWrites_LoseNoAcknowledgedMemo_AndTheNodeCatchesUp()
    {
        var database = await GaleraCluster.CreateDatabaseAsync();
        // Both start at once on an empty database: one migrates it, the other waits for that, neither fails.
        var started = await Task.WhenAll(StartServerAsync(database, "a"), StartServerAsync(database, "b"));
        _servers.AddRange(started);
        var (a, b) = (started[0], started[1]);

        var before = await new ApiClient(a.CreateHttpClient()).GetAsync("/api/v1/health");
        Assert.True(before.Body.GetProperty("status").GetString() == "UP", $"the cluster must start whole: {before}");
        Assert.Equal(3, before.Body.GetProperty("nodes")[0].GetProperty("clusterSize").GetInt32());

        var onA = await new ApiClient(a.CreateHttpClient()).SignUpAndLoginAsync("gal");
        var book = await onA.AddBookAsync("cluster");
        var onB = new ApiClient(b.CreateHttpClient());
        onB.UseToken(onA.AccessToken); // one user, served by either instance: the signing key is the database's

        await AssertIdempotencyKeyReplaysAcrossInstancesAsync(onA, onB, book);

        _balancer = await LoadBalancer.StartAsync(a, b);
        var balanced = new ApiClient(_balancer.CreateHttpClient());
        balanced.UseToken(onA.AccessToken);

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteUntilStoppedAsync(balanced, book, w, stop.Token))).ToList();
        var watch = Stopwatch.StartNew();

        await WaitForAcknowledgementsAsync(AcknowledgementsPerPhase);
        await GaleraCluster.RunScriptAsync("galera-kill", 0);
        var afterNodeKill = _acknowledged.Count;
        output.WriteLine($"{afterNodeKill} acknowledged when node g1 was killed ({watch.Elapsed.TotalSeconds:F1} s)");

        var health = await onA.GetAsync("/api/v1/health");
        Assert.Equal("cluster", health.Body.GetProperty("mode").GetString());
        Assert.Equal("DOWN", health.Body.GetProperty("nodes")[0].GetProperty("state").GetString());
        Assert.Equal("DEGRADED", health.Body.GetProperty("status").GetString());

        await WaitForAcknowledgementsAsync(afterNodeKill + AcknowledgementsPerPhase);
        await b.KillAsync();
        await Task.Delay(500); // answers b sent before it died are counted before the tally below
        var afterServerKill = _acknowledged.Count;
        var servedBeforeKill = new Dictionary<string, int>(_servedBy);
        output.WriteLine($"{afterServerKill} acknowledged when server b was killed ({watch.Elapsed.TotalSeconds:F1} s); served so far: {Served(servedBeforeKill)}");
        Assert.True(servedBeforeKill.GetValueOrDefault("app1") > 0 && servedBeforeKill.GetValueOrDefault("app2") > 0,
            $"the balancer must spread the writes over both instances: {Served(servedBeforeKill)}");

        await WaitForAcknowledgementsAsync(afterServerKill + AcknowledgementsPerPhase);
        // Every write after the kill was answered by the surviving instance (app2 is server b).
        Assert.Equal(servedBeforeKill.GetValueOrDefault("app2"), _servedBy.GetValueOrDefault("app2"));
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{_acknowledged.Count} memos acknowledged in {watch.Elapsed.TotalSeconds:F1} s ({Served(_servedBy)}); {_unanswered} requests without an answer, {_unavailable} 502/503/504s and {_inFlight} 409s (key still in flight) were retried with their Idempotency-Key");

        var rejoin = Stopwatch.StartNew();
        await GaleraCluster.RunScriptAsync("galera-rejoin", 0);
        output.WriteLine($"node g1 rejoined and Synced in {rejoin.Elapsed.TotalSeconds:F1} s");

        for (var node = 0; node < GaleraCluster.Nodes.Length; node++)
        {
            await AssertEveryAcknowledgedMemoOnceAsync(GaleraCluster.Node(database, node), onA.UserId, $"node g{node + 1}");
        }

        var healthy = await onA.GetAsync("/api/v1/health");
        Assert.Equal("UP", healthy.Body.GetProperty("status").GetString());
    }

    private static async Task AssertIdempotencyKeyReplaysAcrossInstancesAsync(ApiClient onA, ApiClient onB, long book)
    {
        var item = Item(book, "idempotent across instances");
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(onA, item, key);
        var again = await SendAsync(onB, item, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(MemoId(await first.Content.ReadAsStringAsync()), MemoId(await again.Content.ReadAsStringAsync()));
    }

    private async Task WriteUntilStoppedAsync(ApiClient client, long book, int writer, CancellationToken stop)
    {
        (object Item, string ClientId, string Key)? pending = null;
        var sequence = 0;
        while (!stop.IsCancellationRequested || pending is not null)
        {
            var (item, clientId, key) = pending ?? NewMemo(book, $"w{writer} m{sequence++}");
            pending = await TrySendAsync(client, item, clientId, key) ? null : (item, clientId, key);
            if (pending is not null)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task<bool> TrySendAsync(ApiClient client, object item, string clientId, string key)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(client, item, key);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref _unanswered); // the instance died under the request: no acknowledgement
            return false;
        }

        // 503: the instance has no database to write to; 502/504: the balancer lost the instance under the request.
        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
        {
            Interlocked.Increment(ref _unavailable);
            return false;
        }

        var body = await response.Content.ReadAsStringAsync();
        // 409 IDEMPOTENCY_KEY_IN_USE: the first attempt still holds its key — running on an instance waiting out the
        // dead node, or left claimed when its release could not reach the store. The contract says: retry shortly.
        if (response.StatusCode == HttpStatusCode.Conflict && body.Contains("\"IDEMPOTENCY_KEY_IN_USE\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _inFlight);
            return false;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"unexpected answer {(int)response.StatusCode} {body}");
        var server = response.Headers.TryGetValues("X-Served-By", out var names) ? names.Single() : "none";
        _servedBy.AddOrUpdate(server, 1, (_, count) => count + 1);
        var id = MemoId(body);
        // A retry must answer the memo of its first acknowledgement, never a second one.
        Assert.Equal(id, _acknowledged.GetOrAdd(clientId, id));
        return true;
    }

    private async Task WaitForAcknowledgementsAsync(int count)
    {
        var watch = Stopwatch.StartNew();
        while (_acknowledged.Count < count && watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        Assert.True(_acknowledged.Count >= count, $"only {_acknowledged.Count} of {count} memos acknowledged in 120 s");
    }

    private async Task AssertEveryAcknowledgedMemoOnceAsync(string node, long userId, string name)
    {
        await using var connection = new MySqlConnection(node);
        var rows = (await connection.QueryAsync<(string ClientId, long Id)>(
            "SELECT client_id, id FROM memo WHERE user_id = @userId", new { userId })).ToLookup(r => r.ClientId, r => r.Id);
        foreach (var (clientId, id) in _acknowledged)
        {
            var copies = rows[clientId].ToList();
            Assert.True(copies.Count == 1 && copies[0] == id, $"{name}: {clientId} acknowledged as {id}, found [{string.Join(", ", copies)}]");
        }

        Assert.All(rows, group => Assert.Single(group));
        output.WriteLine($"{name}: {_acknowledged.Count} acknowledged memos, each once; {rows.Count} memos in all");
    }

    private static string Served(IReadOnlyDictionary<string, int> served) =>
        string.Join(", ", served.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    private static Task<HttpResponseMessage> SendAsync(ApiClient client, object item, string key) =>
        client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos")
        {
            Content = JsonContent.Create(item),
            Headers = { { "Idempotency-Key", key } },
        });

    private static long MemoId(string body) => JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("id").GetInt64();

    private static (object Item, string ClientId, string Key) NewMemo(long book, string content)
    {
        var clientId = Guid.NewGuid().ToString();
        return (Item(book, content, clientId), clientId, Guid.NewGuid().ToString());
    }

    private static object Item(long book, string content, string? clientId = null) => new
    {
        userBookId = book, pageNumber = 5, content, memoStartTime = "2026-11-02T10:00:00", clientId = clientId ?? Guid.NewGuid().ToString(),
    };

    private Task<ServerProcess> StartServerAsync(string database, string name) => ServerProcess.StartAsync(ServerProcess.FreePort(), new Dictionary<string, string?>
    {
        ["Database:Provider"] = "MySql",
        ["Database:Topology"] = "Cluster",
        ["ConnectionStrings:Primary"] = database,
        ["ConnectionStrings:Secondary"] = "",
        ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("RT_REDIS") ?? "",
        ["Storage:DataDirectory"] = Path.Combine(_dataRoot, name),
        ["Jwt:Secret"] = "",
        ["Auth:PasswordHashIterations"] = "1000",
        ["Auth:LoginPermitsPerMinute"] = "1000",
        ["Auth:SignupPermitsPerMinute"] = "1000",
        ["Quota:WriteRowsPerMinute"] = "100000000",
        // A claim left by a killed instance (or a release that could not reach the store) frees itself after this;
        // the 2-minute default would only make the writers wait longer, not change what the test proves.
        ["Idempotency:InFlightLease"] = "00:00:15",
        ["Aladin:TtbKey"] = "",
        ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
    });

    public async Task DisposeAsync()
    {
        if (_balancer is not null)
        {
            await _balancer.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_dataRoot, recursive: true);
    }
}
