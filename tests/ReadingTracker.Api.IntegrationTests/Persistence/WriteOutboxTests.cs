using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Memos;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.IntegrationTests.Persistence;

/// <summary>
/// The outbox that makes the dual write survive the server's own death. A batch committed on Primary by a server
/// that died before Secondary is simulated by applying it to Primary alone with its outbox entry, exactly as the
/// write path's first half does. Guards the defect where a killed server left whole batches on Primary only,
/// and the retry was answered 200 from Primary.
/// </summary>
public sealed class WriteOutboxTests(WriteOutboxTests.QuietRecoveryApp app) : IClassFixture<WriteOutboxTests.QuietRecoveryApp>
{
    /// <summary>The recovery worker's own pass is an hour away: the tests replay the outbox themselves.</summary>
    public sealed class QuietRecoveryApp : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Recovery:IntervalSeconds"] = "36000" };
    }

    private Masters Masters => app.Services.GetRequiredService<Masters>();

    private IdGenerator Ids => app.Services.GetRequiredService<IdGenerator>();

    private DateTimeOffset Now => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task DualWrite_ClearsItsOutboxEntry_OnceBothMastersCommitted()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        // Settled entries are deleted off the request path (SettledOutbox), within milliseconds: the sign-up's and
        // the book's go first (each test that leaves entries on purpose deletes them at its end).
        Assert.Equal(0, await OutboxCountOnceSettledAsync());

        Assert.True((await client.PostAsync("/api/v1/memos", Memo(book, Guid.NewGuid().ToString()))).Ok);

        Assert.Equal(0, await OutboxCountOnceSettledAsync());
    }

    /// <summary>The outbox's size once it reaches 0, or after 10 s.</summary>
    private async Task<long> OutboxCountOnceSettledAsync()
    {
        for (var attempt = 0; attempt < 500 && await OutboxCountAsync() != 0; attempt++)
        {
            await Task.Delay(20);
        }

        return await OutboxCountAsync();
    }

    [Fact]
    public async Task BatchLeftOnPrimaryByADeadServer_IsReplayedToSecondary_OnceItOutlivesTheGracePeriod()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        Assert.Equal(0, await OutboxCountOnceSettledAsync()); // the sign-up's and the book's entries, deleted off the request path
        var clientId = Guid.NewGuid().ToString();
        await CommitOnPrimaryOnlyAsync(client.UserId, book, clientId, createdAt: Now.AddHours(-1));
        var young = await CommitOnPrimaryOnlyAsync(client.UserId, book, Guid.NewGuid().ToString(), createdAt: Now);

        var health = (await app.CreateApiClient().GetAsync("/api/v1/health")).Body;
        Assert.Equal("DEGRADED", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("recovery").GetProperty("outboxWaiting").GetInt64());

        var result = await app.Services.GetRequiredService<RecoveryPass>().ReplayOutboxAsync(CancellationToken.None);

        Assert.Equal(1, result.Replayed);
        Assert.Equal(0, (await app.CreateApiClient().GetAsync("/api/v1/health")).Body.GetProperty("recovery").GetProperty("outboxWaiting").GetInt64());
        Assert.Equal(1, await CountByClientIdAsync(app.Secondary, clientId));
        // The young entry may belong to a write still in flight: it waits for its grace period.
        Assert.Equal(1, await OutboxCountAsync());
        Assert.NotNull(result.NextDueAt);
        Assert.True(result.NextDueAt > Now, $"next due {result.NextDueAt}");
        await MasterSql.ExecuteAsync(app.Primary, "DELETE FROM memo_tags WHERE memo_id = @young", new { young });
        await MasterSql.ExecuteAsync(app.Primary, "DELETE FROM memo WHERE id = @young", new { young });
        await MasterSql.ExecuteAsync(app.Primary, "DELETE FROM write_outbox");
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task RetriedCreate_WhoseFirstAttemptReachedOnlyPrimary_Returns503_UntilReplayPutsItOnBoth()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        var clientId = Guid.NewGuid().ToString();
        var memoId = await CommitOnPrimaryOnlyAsync(client.UserId, book, clientId, createdAt: Now.AddHours(-1));

        var single = await client.PostAsync("/api/v1/memos", Memo(book, clientId));
        var batch = await client.PostAsync("/api/v1/memos/batch", new { memos = new[] { Memo(book, clientId), Memo(book, Guid.NewGuid().ToString()) } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, single.Status);
        Assert.Equal("DATABASE_TEMPORARY_UNAVAILABLE", single.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, batch.Status);

        await app.Services.GetRequiredService<RecoveryPass>().ReplayOutboxAsync(CancellationToken.None);
        var retried = await client.PostAsync("/api/v1/memos", Memo(book, clientId));

        Assert.True(retried.Ok, retried.ToString());
        Assert.Equal(memoId, retried.Data.GetProperty("id").GetInt64());
        Assert.Equal(1, await CountByClientIdAsync(app.Primary, clientId));
        Assert.Equal(1, await CountByClientIdAsync(app.Secondary, clientId));
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    /// <summary>
    /// Guards the race where a first attempt's Secondary commit lost its answer: a retry found the rows on both
    /// masters and answered 200, then the first attempt compensated them away on Primary. While the first attempt's
    /// outbox entry exists, its outcome is open, and the retry must wait.
    /// </summary>
    [Fact]
    public async Task RetriedCreate_WhileTheFirstAttemptsOutboxEntryStillCoversIt_Returns503_EvenWithTheRowsOnBoth()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var book = await client.AddBookAsync();
        Assert.Equal(0, await OutboxCountOnceSettledAsync());
        var clientId = Guid.NewGuid().ToString();
        var memoId = await CommitOnPrimaryOnlyAsync(client.UserId, book, clientId, createdAt: Now);
        await RowCopier.CopyAsync(Masters.Primary, Masters.Secondary!, [("memo", memoId)], CancellationToken.None);

        var whileOpen = await client.PostAsync("/api/v1/memos", Memo(book, clientId));
        await MasterSql.ExecuteAsync(app.Primary, "DELETE FROM write_outbox");
        var settled = await client.PostAsync("/api/v1/memos", Memo(book, clientId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileOpen.Status);
        Assert.True(settled.Ok, settled.ToString());
        Assert.Equal(memoId, settled.Data.GetProperty("id").GetInt64());
        await MasterSql.AssertMastersIdenticalAsync(app);
    }

    [Fact]
    public async Task Compensation_LeavesARowThatAConcurrentWriteChangedSince()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var batch = new WriteBatch().Add(new RowWrite(RowWriteKind.Update, "users", client.UserId, new Dictionary<string, object?> { ["name"] = "ours" }));
        var before = await BatchSql.ApplyAsync(Masters.Primary, batch, outbox: null, captureBefore: true, CancellationToken.None);
        await MasterSql.ExecuteAsync(app.Primary, "UPDATE users SET name = 'theirs' WHERE id = @id", new { id = client.UserId });

        var skipped = await BatchSql.RestoreAsync(Masters.Primary, batch, before);

        Assert.Single(skipped);
        Assert.Equal(1, await MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM users WHERE id = @id AND name = 'theirs'", new { id = client.UserId }));
        await SyncSecondaryAsync(client.UserId);
    }

    [Fact]
    public async Task Compensation_RestoresTheBeforeImage_WhileTheRowStillHoldsThisWrite()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var name = await MasterSql.ScalarAsync<string>(app.Primary, "SELECT name FROM users WHERE id = @id", new { id = client.UserId });
        var batch = new WriteBatch().Add(new RowWrite(RowWriteKind.Update, "users", client.UserId, new Dictionary<string, object?> { ["name"] = "ours" }));
        var before = await BatchSql.ApplyAsync(Masters.Primary, batch, outbox: null, captureBefore: true, CancellationToken.None);

        Assert.Empty(await BatchSql.RestoreAsync(Masters.Primary, batch, before));
        Assert.Equal(name, await MasterSql.ScalarAsync<string>(app.Primary, "SELECT name FROM users WHERE id = @id", new { id = client.UserId }));
    }

    [Fact]
    public async Task ConcurrentIncrements_AllCount_OnBothMasters_AndAnUndoRemovesOnlyItsOwn()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var writer = app.Services.GetRequiredService<DualWriter>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            writer.WriteAsync(new WriteBatch().Add(UsersTable.CountFailedLogin(client.UserId)), CancellationToken.None)));

        const string Count = "SELECT failed_login_count FROM users WHERE id = @id";
        Assert.Equal(12, await MasterSql.ScalarAsync<long>(app.Primary, Count, new { id = client.UserId }));
        Assert.Equal(12, await MasterSql.ScalarAsync<long>(app.Secondary, Count, new { id = client.UserId }));

        var ours = new WriteBatch().Add(UsersTable.CountFailedLogin(client.UserId));
        var before = await BatchSql.ApplyAsync(Masters.Primary, ours, outbox: null, captureBefore: true, CancellationToken.None);
        await MasterSql.ExecuteAsync(app.Primary, "UPDATE users SET failed_login_count = failed_login_count + 1 WHERE id = @id", new { id = client.UserId });
        Assert.Empty(await BatchSql.RestoreAsync(Masters.Primary, ours, before));
        Assert.Equal(13, await MasterSql.ScalarAsync<long>(app.Primary, Count, new { id = client.UserId }));
        await SyncSecondaryAsync(client.UserId);
    }

    /// <summary>These tests write Primary alone; the class's other tests compare the masters whole.</summary>
    private Task SyncSecondaryAsync(long userId) => RowCopier.CopyAsync(Masters.Primary, Masters.Secondary!, [("users", userId)], CancellationToken.None);

    private static object Memo(long book, string clientId) => new
    {
        userBookId = book, pageNumber = 7, content = "outbox", tags = new[] { "quote" }, tagCategory = "TYPE",
        memoStartTime = "2026-11-02T10:00:00", clientId,
    };

    /// <summary>The first half of a dual write — Primary's transaction with its outbox entry — and then nothing: the server died.</summary>
    private async Task<long> CommitOnPrimaryOnlyAsync(long userId, long book, string clientId, DateTimeOffset createdAt)
    {
        var id = Ids.NextId();
        var now = createdAt.ToUnixTimeMilliseconds();
        var batch = new WriteBatch().Add(MemoTable.Insert(new MemoRow
        {
            Id = id, UserId = userId, UserBookId = book, ClientId = clientId, PageNumber = 7, Content = "outbox", MemoStartTime = now,
            Version = 1, CreatedAt = now, UpdatedAt = now,
        }));
        await BatchSql.ApplyAsync(Masters.Primary, batch, OutboxEntry.For(batch, Ids.NextId(), now), captureBefore: true, CancellationToken.None);
        return id;
    }

    private Task<long> OutboxCountAsync() => MasterSql.CountAsync(app.Primary, "SELECT COUNT(*) FROM write_outbox");

    private static Task<long> CountByClientIdAsync(string master, string clientId) =>
        MasterSql.CountAsync(master, "SELECT COUNT(*) FROM memo WHERE client_id = @clientId", new { clientId });
}
