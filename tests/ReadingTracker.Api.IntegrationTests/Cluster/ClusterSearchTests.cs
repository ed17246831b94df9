using System.Text.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;

namespace ReadingTracker.Api.IntegrationTests.Cluster;

/// <summary>
/// Memo search on the 3-node Galera cluster (ADR-015): the search index is an InnoDB table, so a memo written through
/// one node is indexed on every node, and each node's own FULLTEXT index finds it; an edit and a delete follow.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterSearchTests : IAsyncLifetime
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("rt-cluster-search-").FullName;
    private ServerProcess? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AMemoWrittenOnTheCluster_IsIndexedOnEveryNode_AndEditsAndDeletesFollow()
    {
        var database = await GaleraCluster.CreateDatabaseAsync();
        _server = await ServerProcess.StartAsync(ServerProcess.FreePort(), new Dictionary<string, string?>
        {
            ["Database:Provider"] = "MySql",
            ["Database:Topology"] = "Cluster",
            ["ConnectionStrings:Primary"] = database,
            ["ConnectionStrings:Secondary"] = "",
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable("RT_REDIS") ?? "",
            ["Storage:DataDirectory"] = _dataRoot,
            ["Jwt:Secret"] = "",
            ["Auth:PasswordHashIterations"] = "1000",
            ["Aladin:TtbKey"] = "",
            ["OpenLibrary:BaseUrl"] = "http://127.0.0.1:9/",
        });
        var client = await new ApiClient(_server.CreateHttpClient()).SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var created = await client.CreateMemoAsync(book, content: "동물이 숨이 막힌다");
        Assert.True(created.Ok, created.ToString());
        var id = created.Data.GetProperty("id").GetInt64();

        Assert.Equal([id], await SearchAsync(client, "물이"));
        for (var node = 0; node < GaleraCluster.Nodes.Length; node++)
        {
            // Each node answers from its own FULLTEXT index over the replicated row (read-your-write: wsrep_sync_wait).
            Assert.Equal(1, await MasterSql.CountAsync(GaleraCluster.Node(database, node),
                "SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM memo_search WHERE MATCH(grams) AGAINST(@against IN BOOLEAN MODE) AND id = @id",
                new { against = "+" + string.Join(" +", ReadingTracker.Api.Memos.Search.SearchGrams.ForQueryWord("물이")), id }));
        }

        Assert.True((await client.PutAsync($"/api/v1/memos/{id}", new { content = "고래가 바다에" })).Ok);
        Assert.Empty(await SearchAsync(client, "물이"));
        Assert.Equal([id], await SearchAsync(client, "고래"));
        Assert.True((await client.DeleteAsync($"/api/v1/memos/{id}")).Ok);
        Assert.Empty(await SearchAsync(client, "고래"));
    }

    private static async Task<List<long>> SearchAsync(ApiClient client, string q)
    {
        var result = await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString(q));
        Assert.True(result.Ok, result.ToString());
        return [.. result.Data.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("memoId").GetInt64())];
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dataRoot, recursive: true);
    }
}
