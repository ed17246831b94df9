using System.Diagnostics;
using System.Net;
using ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ReadingTracker.Api.IntegrationTests.Faults.FaultTestData;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>
/// Read failover (docs/contract.md §6.4, and scenario 5 of §9.2): every read, the current-user lookup included, is served by
/// Secondary when Primary is dead or hung; business outcomes never fail over; both down → 503.
/// </summary>
[Collection(FaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class ReadFailoverTests(MariaDbPair pair, ITestOutputHelper output)
{
    [Fact] // scenario 5
    public async Task Reads_WhenPrimaryWasKilled_AreServedBySecondary_IncludingTheUserBehindTheToken()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var memo = (await client.CreateMemoAsync(book, NewClientId(), "kept on both")).Data.GetProperty("id").GetInt64();
        await pair.KillAsync(MariaDbPair.PrimaryServer);

        var me = await client.GetAsync("/api/v1/users/me");
        var memos = await client.GetAsync($"/api/v1/memos/books/{book}");
        var one = await client.GetAsync($"/api/v1/memos/{memo}");
        var shelf = await client.GetAsync("/api/v1/user/books");

        Assert.True(me.Ok, me.ToString());
        Assert.Equal(client.LoginId, me.Data.GetProperty("loginId").GetString());
        Assert.True(memos.Ok, memos.ToString());
        Assert.Contains("kept on both", memos.Body.ToString(), StringComparison.Ordinal);
        Assert.True(one.Ok, one.ToString());
        Assert.True(shelf.Ok, shelf.ToString());
        Assert.NotEmpty(app.Logs.Named("ReadFailover"));
        // A not-found is an answer, not a fault: 404 from Secondary, never 503.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/memos/987654321")).Status);
        // Writes never fail over: 503 at once.
        var (write, elapsed) = await TimedAsync(() => client.CreateMemoAsync(book, NewClientId()));
        AssertUnavailable(write);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"write with a dead Primary took {elapsed}");

        await pair.StartAsync(MariaDbPair.PrimaryServer);
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task NotFoundAndForbidden_OnAHealthyPrimary_DoNotFailOver()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (owner, book) = await app.ReaderWithBookAsync();
        var memo = (await owner.CreateMemoAsync(book, NewClientId())).Data.GetProperty("id").GetInt64();
        var stranger = await app.CreateApiClient().SignUpAndLoginAsync("s");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/memos/{memo}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/memos/987654321")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.CreateMemoAsync(book, "not a valid client id ".PadRight(300, 'x'))).Status);

        Assert.Empty(app.Logs.Named("ReadFailover"));
    }

    [Fact]
    public async Task Reads_WhenPrimaryHangs_AnswerWithinTheReadDeadline_AndThenSkipPrimaryEntirely()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        await pair.PauseAsync(MariaDbPair.PrimaryServer);

        var timings = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var (result, elapsed) = await TimedAsync(() => client.GetAsync($"/api/v1/memos/books/{book}"));
            Assert.True(result.Ok, result.ToString());
            timings.Add(elapsed);
        }

        output.WriteLine("reads with a SIGSTOPped Primary (ms): " + string.Join(", ", timings.Select(t => (int)t.TotalMilliseconds)));
        // Only the first read waits for Primary, for the read deadline (1.5 s): its timeout opens the
        // breaker, so the request's other reads and every later request skip Primary.
        Assert.All(timings, t => Assert.True(t < TimeSpan.FromSeconds(2), $"a read waited {t}"));
        Assert.True(timings[^1] < TimeSpan.FromMilliseconds(500), $"the breaker did not open: last read took {timings[^1]}");
        var write = await client.CreateMemoAsync(book, NewClientId());
        AssertUnavailable(write);

        await pair.ResumeAsync(MariaDbPair.PrimaryServer);
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task Everything_WhenBothMastersAreDown_Answers503_AndHealthSaysDown()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        await pair.KillAsync(MariaDbPair.PrimaryServer);
        await pair.KillAsync(MariaDbPair.SecondaryServer);

        AssertUnavailable(await client.GetAsync($"/api/v1/memos/books/{book}"));
        AssertUnavailable(await client.GetAsync("/api/v1/users/me"));
        AssertUnavailable(await client.CreateMemoAsync(book, NewClientId()));
        var health = await app.CreateApiClient().GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal("DOWN", health.Body.GetProperty("status").GetString());

        await pair.StartAsync(MariaDbPair.PrimaryServer);
        await pair.StartAsync(MariaDbPair.SecondaryServer);
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task FirstSuccessfulRead_AfterPrimaryIsKilled_ComesWithinOneSecond()
    {
        await using var app = await FaultApp.StartAsync(pair);
        var (client, book) = await app.ReaderWithBookAsync();
        var pid = pair.PidOf(MariaDbPair.PrimaryServer);

        var watch = Stopwatch.StartNew();
        Process.GetProcessById(pid).Kill();
        ApiResult read;
        do
        {
            read = await client.GetAsync($"/api/v1/memos/books/{book}");
        }
        while (!read.Ok && watch.Elapsed < TimeSpan.FromSeconds(10));

        output.WriteLine($"first successful read {watch.Elapsed.TotalMilliseconds:F0} ms after SIGKILL of Primary");
        Assert.True(read.Ok, read.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        await pair.StopAsync(MariaDbPair.PrimaryServer); // forget the pid file of the dead process
        await pair.StartAsync(MariaDbPair.PrimaryServer);
    }

    [Fact]
    public async Task AWrite_WhosePrimaryIsDown_IsNeverRefusedOnSecondarysCopy_ItAnswers503_AndPrimaryDecidesOnceBack()
    {
        await using var app = await FaultApp.StartAsync(pair, new FaultAppOptions { Settings = new Dictionary<string, string?> { ["Database:CircuitBreakSeconds"] = "1" } });
        var (client, book) = await app.ReaderWithBookAsync();
        var memo = (await client.CreateMemoAsync(book, NewClientId(), "alive on Primary")).Data.GetProperty("id").GetInt64();
        // Secondary lags behind Primary for this memo, as after a delete whose Secondary commit survived while Primary
        // undid it (its answer lost), until the recovery worker copies Primary's row over.
        await FaultSql.ExecuteAsync(app.Secondary, "UPDATE memo SET deleted_at = updated_at WHERE id = @id", new { id = memo });
        await pair.KillAsync(MariaDbPair.PrimaryServer);

        // A read answers from what Secondary holds…
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/memos/{memo}")).Status);
        // …but a write is not refused on it: an update or a delete answered 404 here would be a client's edit failed (or
        // its delete taken as done) for a memo that Primary, which holds the truth, still has.
        AssertUnavailable(await client.PutAsync($"/api/v1/memos/{memo}", new { content = "edited while Primary is down" }));
        AssertUnavailable(await client.DeleteAsync($"/api/v1/memos/{memo}"));
        AssertUnavailable(await client.PutAsync("/api/v1/memos/987654321", new { content = "no such memo anywhere" }));

        await pair.StartAsync(MariaDbPair.PrimaryServer);
        ApiResult update;
        var watch = Stopwatch.StartNew();
        do
        {
            update = await client.PutAsync($"/api/v1/memos/{memo}", new { content = "edited once Primary is back" });
        }
        while (update.Status == HttpStatusCode.ServiceUnavailable && watch.Elapsed < TimeSpan.FromSeconds(30));

        Assert.True(update.Ok, update.ToString());
        Assert.Equal("edited once Primary is back", await FaultSql.ScalarAsync<string>(app.Secondary, "SELECT content FROM memo WHERE id = @id", new { id = memo }));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync("/api/v1/memos/987654321", new { content = "no such memo anywhere" })).Status);
        // What the recovery worker does for a row it was told of; the lag above was made by hand, without an event.
        await FaultSql.ExecuteAsync(app.Secondary, "UPDATE memo SET deleted_at = NULL WHERE id = @id", new { id = memo });
        await app.AssertConsistentAsync();
    }
}
