using Microsoft.Extensions.DependencyInjection;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.Memos.Search;

namespace ReadingTracker.Api.IntegrationTests.Memos.Search;

/// <summary>Memos written before migration 0018 have no search row: the backfill gives them one on both masters.</summary>
public sealed class MemoSearchBackfillTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AMemoWithoutItsSearchRow_IsIndexedOnBothMasters_AndFoundAgain()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var id = await client.AddMemoAsync(await client.AddBookAsync(), "2026-11-02T10:00:00");
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            await MasterSql.ExecuteAsync(master, "DELETE FROM memo_search WHERE id = @id", new { id });
        }

        Assert.Empty((await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString("밑줄"))).Data.GetProperty("items").EnumerateArray());

        var indexed = await app.Services.GetRequiredService<MemoSearchBackfill>().RunOnceAsync(CancellationToken.None);

        Assert.True(indexed >= 1);
        Assert.Equal((1, 1), await MemoMasterQueries.CountOnBothAsync(app, "SELECT COUNT(*) FROM memo_search WHERE id = @id", new { id }));
        var found = (await client.GetAsync("/api/v1/memos/search?q=" + Uri.EscapeDataString("밑줄"))).Data.GetProperty("items");
        Assert.Equal(id, found[0].GetProperty("memoId").GetInt64());
        Assert.Equal(0, await app.Services.GetRequiredService<MemoSearchBackfill>().RunOnceAsync(CancellationToken.None));
    }
}
