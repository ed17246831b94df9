using Xunit.Abstractions;
using ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using static ReadingTracker.Api.IntegrationTests.Faults.FaultTestData;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>
/// The strict write path under real faults (docs/contract.md §9.2, scenarios 1, 2, 3, 4, 7): Primary then
/// Secondary; a Secondary failure undoes Primary from its before-image and answers 503 + Retry-After;
/// when the undo itself fails, a durable recovery event makes the masters equal again.
/// </summary>
[Collection(FaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class WriteFaultTests(MariaDbPair pair, ITestOutputHelper output)
{
    [Fact] // scenario 1
    public async Task CreateMemo_OnHealthyMasters_LandsOnBoth_WithTheSameIdAndTags()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var clientId = NewClientId();

        var created = await client.CreateMemoAsync(book, clientId);

        Assert.True(created.Ok, created.ToString());
        var id = created.Data.GetProperty("id").GetInt64();
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            Assert.Equal(1, await FaultSql.CountAsync(master, "SELECT COUNT(*) FROM memo WHERE id = @id AND client_id = @clientId", new { id, clientId }));
            Assert.Equal(1, await FaultSql.CountAsync(master, "SELECT COUNT(*) FROM memo_tags WHERE memo_id = @id", new { id }));
        }

        await app.AssertConsistentAsync();
    }

    [Fact] // scenario 2
    public async Task CreateMemo_WhenSecondaryWasKilled_Returns503_AndPrimaryKeepsNoMemo()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var maxBefore = await FaultSql.CountAsync(app.Primary, "SELECT COALESCE(MAX(id), 0) FROM memo");
        await pair.KillAsync(MariaDbPair.SecondaryServer);

        var clientId = NewClientId();
        var (result, elapsed) = await TimedAsync(() => client.CreateMemoAsync(book, clientId));

        output.WriteLine($"write against a SIGKILLed Secondary answered {(int)result.Status} after {elapsed.TotalMilliseconds:F0} ms");
        AssertUnavailable(result);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"a refused Secondary must fail fast, took {elapsed}");
        Assert.Equal(maxBefore, await FaultSql.CountAsync(app.Primary, "SELECT COALESCE(MAX(id), 0) FROM memo"));
        Assert.Equal(0, await MemosWithClientIdAsync(app.Primary, clientId));
        Assert.Single(app.Logs.Named("DualWriteSecondaryFailed"));
        Assert.Single(app.Logs.Named("DualWriteCompensated"));

        await pair.StartAsync(MariaDbPair.SecondaryServer);
        // The event names rows that now exist on neither master: it completes cleanly.
        Assert.Equal(1, await app.DrainRecoveryAsync());
        Assert.Equal(0, await MemosWithClientIdAsync(app.Secondary, clientId));
        await app.AssertConsistentAsync();

        var retry = await client.CreateMemoAsync(book, clientId);
        Assert.True(retry.Ok, retry.ToString());
        await app.AssertConsistentAsync();
    }

    [Fact] // scenario 7 (a delete is a soft delete here, so it is compensated like any update)
    public async Task DeleteMemo_WhenSecondaryWasKilled_Returns503_AndTheMemoStaysOnBoth()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var created = await client.CreateMemoAsync(book, NewClientId());
        var id = created.Data.GetProperty("id").GetInt64();
        await pair.KillAsync(MariaDbPair.SecondaryServer);

        AssertUnavailable(await client.DeleteAsync($"/api/v1/memos/{id}"));

        Assert.Equal(1, await FaultSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM memo WHERE id = @id AND deleted_at IS NULL", new { id }));
        await pair.StartAsync(MariaDbPair.SecondaryServer);
        await app.DrainRecoveryAsync();
        await app.AssertConsistentAsync();

        Assert.True((await client.DeleteAsync($"/api/v1/memos/{id}")).Ok);
        foreach (var master in new[] { app.Primary, app.Secondary })
        {
            Assert.Equal(1, await FaultSql.CountAsync(master, "SELECT COUNT(*) FROM memo WHERE id = @id AND deleted_at IS NOT NULL", new { id }));
        }

        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task UpdateMemo_WhenSecondaryWasKilled_RestoresTheOldContentOnPrimary()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var id = (await client.CreateMemoAsync(book, NewClientId(), "before")).Data.GetProperty("id").GetInt64();
        await pair.KillAsync(MariaDbPair.SecondaryServer);

        AssertUnavailable(await client.PutAsync($"/api/v1/memos/{id}", new { content = "after", tags = new[] { "plot" }, tagCategory = "TOPIC", pageNumber = 40 }));

        Assert.Equal("before", await FaultSql.ScalarAsync<string>(app.Primary, "SELECT content FROM memo WHERE id = @id", new { id }));
        Assert.Equal(0, await FaultSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM memo_history WHERE memo_id = @id", new { id }));
        await pair.StartAsync(MariaDbPair.SecondaryServer);
        await app.DrainRecoveryAsync();
        await app.AssertConsistentAsync();
    }

    [Fact] // scenarios 3 and 4
    public async Task CreateMemo_WhenPrimaryIsLostBeforeTheUndo_RecordsARecoveryEvent_ThatCopiesPrimaryToSecondary()
    {
        await using var app = await FaultApp.StartAsync(pair, new FaultAppOptions { ProxyPrimary = true, ProxySecondary = true });
        var (client, book) = await app.ReaderWithBookAsync();
        var clientId = NewClientId();
        // The Secondary write is the moment: Secondary's connection drops, and Primary goes with it, so
        // the undo cannot reach Primary either.
        app.SecondaryProxy!.FailOnNextClientSend(() =>
        {
            app.PrimaryProxy!.RefuseNew = true;
            app.PrimaryProxy.CutAll();
        });

        AssertUnavailable(await client.CreateMemoAsync(book, clientId));

        Assert.Equal(1, app.SecondaryProxy.Fired);
        Assert.Contains(app.Logs.Named("DualWriteCompensationFailed"), e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        Assert.Single(app.Logs.Named("RecoveryEventRecorded"));
        Assert.Equal(1, await MemosWithClientIdAsync(app.Primary, clientId));
        Assert.Equal(0, await MemosWithClientIdAsync(app.Secondary, clientId));

        app.PrimaryProxy!.Heal();
        app.SecondaryProxy.Heal();
        var report = await app.Get<ReadingTracker.Api.Consistency.ConsistencyChecker>().CheckAsync(CancellationToken.None);
        Assert.Contains(report.Differences, d => d.Table == "memo" && d.Kind == "missing_on_secondary");
        var pass = await app.Get<ReadingTracker.Api.Recovery.RecoveryPass>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Completed);
        Assert.Equal(1, await MemosWithClientIdAsync(app.Secondary, clientId));
        await app.AssertConsistentAsync();
        // The client's retry of the 503 finds the memo that recovery kept: one memo, not two.
        var retry = await client.CreateMemoAsync(book, clientId);
        Assert.True(retry.Ok, retry.ToString());
        Assert.Equal(1, await MemosWithClientIdAsync(app.Primary, clientId));
    }

    [Fact]
    public async Task CreateMemo_WhenPrimaryCommitsButItsAnswerIsLost_Returns503_AndRecoveryCompletesTheWrite()
    {
        await using var app = await FaultApp.StartAsync(pair, new FaultAppOptions { ProxyPrimary = true });
        var (client, book) = await app.ReaderWithBookAsync();
        var clientId = NewClientId();
        app.PrimaryProxy!.LoseReplyTo("COMMIT");

        AssertUnavailable(await client.CreateMemoAsync(book, clientId));

        Assert.Equal(1, app.PrimaryProxy.Fired);
        Assert.Contains(app.Logs.Named("RecoveryEventRecorded"), e => e.Message.Contains("outcome unknown", StringComparison.Ordinal));
        Assert.Equal(1, await MemosWithClientIdAsync(app.Primary, clientId));
        Assert.Equal(0, await MemosWithClientIdAsync(app.Secondary, clientId));

        app.PrimaryProxy.Heal();
        Assert.Equal(1, await app.DrainRecoveryAsync());
        Assert.Equal(1, await MemosWithClientIdAsync(app.Secondary, clientId));
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task CreateMemo_WhenSecondaryHangs_Returns503WithinTheWriteBudget_AndUndoesPrimary()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var clientId = NewClientId();
        await pair.PauseAsync(MariaDbPair.SecondaryServer);

        var (result, elapsed) = await TimedAsync(() => client.CreateMemoAsync(book, clientId));

        output.WriteLine($"write against a SIGSTOPped Secondary answered {(int)result.Status} after {elapsed.TotalMilliseconds:F0} ms");
        AssertUnavailable(result);
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"a hung Secondary held the write for {elapsed}");
        Assert.Equal(0, await MemosWithClientIdAsync(app.Primary, clientId));
        await pair.ResumeAsync(MariaDbPair.SecondaryServer);
        await app.DrainRecoveryAsync();
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task Secondary_ThatComesBackWithAnEmptyDatabase_IsMigratedBeforeItTakesWrites()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        await pair.KillAsync(MariaDbPair.SecondaryServer);
        AssertUnavailable(await client.CreateMemoAsync(book, NewClientId()));
        await pair.StartAsync(MariaDbPair.SecondaryServer);
        var database = new MySqlConnector.MySqlConnectionStringBuilder(app.Secondary).Database;
        await FaultSql.ExecuteAsync(pair.RootConnectionString(MariaDbPair.SecondaryServer), $"DROP DATABASE `{database}`; CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

        var newcomer = await app.CreateApiClient().PostAsync("/api/v1/auth/signup", new { loginId = "n" + Guid.NewGuid().ToString("N")[..12], email = $"{Guid.NewGuid():N}@example.com", name = "New", password = ReadingTracker.Api.IntegrationTests.Infrastructure.ApiClient.Password });

        Assert.True(newcomer.Ok, newcomer.ToString());
        Assert.True(await FaultSql.CountAsync(app.Secondary, "SELECT COUNT(*) FROM schema_migrations") > 0);
        Assert.Equal(1, await FaultSql.CountAsync(app.Secondary, "SELECT COUNT(*) FROM users"));
        // The rows it lost come back with a repair from Primary; then the old reader writes again.
        await app.Get<ReadingTracker.Api.Consistency.ConsistencyChecker>().RepairAsync(ReadingTracker.Api.Persistence.MasterRole.Primary, CancellationToken.None);
        await app.DrainRecoveryAsync();
        await app.AssertConsistentAsync();
        Assert.True((await client.CreateMemoAsync(book, NewClientId())).Ok);
        await app.AssertConsistentAsync();
    }
}
