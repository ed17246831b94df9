using System.Net;
using ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;
using static ReadingTracker.Api.IntegrationTests.Faults.FaultTestData;

namespace ReadingTracker.Api.IntegrationTests.Faults;

/// <summary>
/// Durable recovery (docs/contract.md §6.3, and scenario 6 of §9.2): an event recorded when the undo failed survives a server
/// restart and completes; an event that keeps failing raises a CRITICAL alert (named log event, webhook,
/// admin status) after the configured attempts.
/// </summary>
[Collection(FaultsCollection.Name)]
[Trait("Category", "Faults")]
public sealed class RecoveryTests(MariaDbPair pair)
{
    [Fact] // scenario 6
    public async Task RecoveryEvent_ThatFailsTenTimes_RaisesACriticalAlert_OnTheLog_TheWebhook_AndTheAdminApi()
    {
        await using var app = await FaultApp.StartAsync(pair, new FaultAppOptions { ProxyPrimary = true, ProxySecondary = true });
        var admin = await app.AdminClientAsync();
        var (client, book) = await app.ReaderWithBookAsync();
        var clientId = NewClientId();
        await DivergeAsync(app, client, book, clientId);
        app.PrimaryProxy!.Heal(); // Secondary stays unreachable

        var pass = app.Get<RecoveryPass>();
        for (var attempt = 1; attempt < 10; attempt++)
        {
            Assert.Equal(new RecoveryPassResult(0, 1, 0), await pass.RunOnceAsync(CancellationToken.None));
            Assert.Empty(app.Webhook.Received);
        }

        Assert.Equal(new RecoveryPassResult(0, 0, 1), await pass.RunOnceAsync(CancellationToken.None));

        var alert = Assert.Single(app.Webhook.Received);
        Assert.Equal("CRITICAL", alert.GetProperty("severity").GetString());
        Assert.Equal(10, alert.GetProperty("attempts").GetInt32());
        Assert.Equal(LogLevelCritical, Assert.Single(app.Logs.Named("RecoveryGaveUp")).Level);
        var status = await admin.GetAsync("/api/v1/admin/recovery");
        Assert.Equal(1, status.Data.GetProperty("failed").GetInt32());
        Assert.Equal(0, status.Data.GetProperty("open").GetInt32());
        Assert.Equal("Failed", status.Data.GetProperty("events")[0].GetProperty("state").GetString());
        Assert.Equal(1, (await app.CreateApiClient().GetAsync("/api/v1/health")).Body.GetProperty("recovery").GetProperty("failed").GetInt32());
        // A given-up event is not retried; the operator repairs from the side that holds the truth.
        Assert.Equal(new RecoveryPassResult(0, 0, 0), await pass.RunOnceAsync(CancellationToken.None));
        app.SecondaryProxy!.Heal();
        var repair = await admin.PostAsync("/api/v1/admin/consistency/repair?from=Primary");
        Assert.True(repair.Ok, repair.ToString());
        Assert.True(repair.Data.GetProperty("repairedRows").GetInt32() >= 2);
        Assert.Equal(1, await MemosWithClientIdAsync(app.Secondary, clientId));
        await app.AssertConsistentAsync();
    }

    [Fact]
    public async Task RecoveryEvent_SurvivesAServerRestart_AndTheNextServerCompletesIt()
    {
        var first = await FaultApp.StartAsync(pair, new FaultAppOptions { ProxyPrimary = true, ProxySecondary = true });
        try
        {
            var (client, book) = await first.ReaderWithBookAsync();
            var clientId = NewClientId();
            await DivergeAsync(first, client, book, clientId);
            await first.DisposeServerOnlyAsync();

            await using var second = first.Successor(new FaultAppOptions());
            var open = Assert.Single(await second.Get<IRecoveryJournal>().ListAsync(CancellationToken.None));
            Assert.Equal(RecoveryState.Open, open.State);

            Assert.Equal(1, (await second.Get<RecoveryPass>().RunOnceAsync(CancellationToken.None)).Completed);

            Assert.Equal(1, await MemosWithClientIdAsync(second.Secondary, clientId));
            Assert.Empty(await second.Get<IRecoveryJournal>().ListAsync(CancellationToken.None));
            await second.AssertConsistentAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task RecoveryWorker_OnItsOwnInterval_CompletesAnOpenEvent()
    {
        await using var app = await FaultApp.StartAsync(pair, new FaultAppOptions
        {
            ProxyPrimary = true,
            ProxySecondary = true,
            Settings = new Dictionary<string, string?> { ["Recovery:IntervalSeconds"] = "1" },
        });
        var (client, book) = await app.ReaderWithBookAsync();
        var clientId = NewClientId();
        await DivergeAsync(app, client, book, clientId);
        app.PrimaryProxy!.Heal();
        app.SecondaryProxy!.Heal();

        var journal = app.Get<IRecoveryJournal>();
        for (var i = 0; i < 50 && (await journal.ListAsync(CancellationToken.None)).Count > 0; i++)
        {
            await Task.Delay(200);
        }

        Assert.Empty(await journal.ListAsync(CancellationToken.None));
        Assert.Equal(1, await MemosWithClientIdAsync(app.Secondary, clientId));
        await app.AssertConsistentAsync();
    }

    private const Microsoft.Extensions.Logging.LogLevel LogLevelCritical = Microsoft.Extensions.Logging.LogLevel.Critical;

    /// <summary>Secondary's connection drops at its write and Primary's with it: the undo fails, the memo stays on Primary only.</summary>
    private static async Task DivergeAsync(FaultApp app, ReadingTracker.Api.IntegrationTests.Infrastructure.ApiClient client, long book, string clientId)
    {
        app.SecondaryProxy!.FailOnNextClientSend(() =>
        {
            app.PrimaryProxy!.RefuseNew = true;
            app.PrimaryProxy.CutAll();
        });
        var result = await client.CreateMemoAsync(book, clientId);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Single(app.Logs.Named("DualWriteCompensationFailed"));
        Assert.Equal(1, await MemosWithClientIdAsync(app.Primary, clientId));
        Assert.Equal(0, await MemosWithClientIdAsync(app.Secondary, clientId));
    }
}
