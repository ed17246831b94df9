using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Idempotency;

/// <summary>A Redis of this class's own, so that killing it disturbs no other test.</summary>
public sealed class OwnRedisFactory : AppFactory
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rt-redis-").FullName;

    public int Port { get; } = FreePort();

    public Process? Redis { get; private set; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await StartRedisAsync();
    }

    public async Task StartRedisAsync()
    {
        Redis = Process.Start(new ProcessStartInfo("redis-server", $"--bind 127.0.0.1 --port {Port} --save \"\" --appendonly no --dir {_directory}")
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (is it installed? scripts/services.sh install).");
        // Up to 30 s: on two busy cores a process start has taken several seconds.
        for (var i = 0; i < 600 && !Redis.HasExited; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException(Redis.HasExited ? $"redis-server exited with {Redis.ExitCode}." : "redis-server did not listen in 30 s.");
    }

    public void KillRedis()
    {
        Redis?.Kill();
        Redis?.WaitForExit();
    }

    public override async Task DisposeAsync()
    {
        KillRedis();
        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// docs/contract.md §7.2: if the key store is down or was flushed, memo duplicates are still impossible because
/// (user, clientId) is unique on both masters; and nothing hangs on a dead Redis.
/// </summary>
public sealed class WhenRedisDies(OwnRedisFactory app) : IClassFixture<OwnRedisFactory>
{
    [Fact]
    public async Task SameMemoClientIdSentTwice_AfterRedisWasKilled_GivesOneMemo()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var clientId = Guid.NewGuid();
        var key = "memo-" + clientId;
        var memo = new { userBookId = book, pageNumber = 12, content = "살아남는 메모", memoStartTime = "2026-11-24T09:00:00", clientId };

        var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos") { Content = JsonContent.Create(memo), Headers = { { "Idempotency-Key", key } } });
        Assert.True(first.Ok, first.ToString());

        app.KillRedis();
        var retry = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos") { Content = JsonContent.Create(memo), Headers = { { "Idempotency-Key", key } } });

        // Default policy: proceed without the key store; the clientId finds the first memo.
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Data.GetProperty("id").GetInt64(), retry.Data.GetProperty("id").GetInt64());
        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
    }

    [Fact]
    public async Task FlushedKeys_StillGiveOneMemo_AndTheStoreRecoversWhenRedisReturns()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        app.KillRedis();
        await app.StartRedisAsync(); // an empty Redis: every key is gone
        var memo = new { userBookId = book, pageNumber = 3, content = "flush", memoStartTime = "2026-11-24T10:00:00", clientId = Guid.NewGuid() };

        ApiResult? last = null;
        for (var i = 0; i < 2; i++)
        {
            last = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos") { Content = JsonContent.Create(memo), Headers = { { "Idempotency-Key", "k-" + i } } });
            Assert.True(last.Ok, last.ToString());
        }

        Assert.Equal((1, 1), await MemoMasterQueries.MemosOfUserAsync(app, client.UserId));
        var replay = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/memos") { Content = JsonContent.Create(memo), Headers = { { "Idempotency-Key", "k-1" } } });
        Assert.Equal("true", replay.Response.Headers.GetValues("Idempotent-Replayed").Single());
    }
}
