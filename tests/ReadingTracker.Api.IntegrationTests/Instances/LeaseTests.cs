using Microsoft.Extensions.DependencyInjection;
using ReadingTracker.Api.Housekeeping;
using ReadingTracker.Api.IntegrationTests.Infrastructure;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Recovery;

namespace ReadingTracker.Api.IntegrationTests.Instances;

/// <summary>
/// Issue 15: of several instances on one database, one at a time runs each recovery, outbox-replay and housekeeping
/// pass (a lease row on Primary), nobody waits for it, and a database is migrated once when instances start at once.
/// </summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task TwoInstancesAskingForTheSameLeaseAtOnce_OnlyOneGetsIt_UntilItIsReleased()
    {
        await using var a = await InstanceFactory.FirstAsync();
        await using var b = InstanceFactory.Join(a);
        var (leasesA, leasesB) = (Leases(a), Leases(b));
        var primary = Masters(a).Primary;

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(_ => new[]
        {
            Ask(leasesA, primary), Ask(leasesB, Masters(b).Primary),
        }));

        // Some asks of one instance succeed (it may renew its own lease), none of the other's.
        var winners = answers.Where(x => x.Got).Select(x => x.Holder).Distinct().ToList();
        Assert.Single(winners);
        var (winner, loser) = winners[0] == leasesA.Holder ? (leasesA, leasesB) : (leasesB, leasesA);
        Assert.False(await loser.TryAcquireAsync(primary, "test", CancellationToken.None));

        await winner.ReleaseAsync(primary, "test");
        Assert.True(await loser.TryAcquireAsync(primary, "test", CancellationToken.None));
    }

    [Fact]
    public async Task AnExpiredLease_IsTakenOverByAnotherInstance()
    {
        await using var a = await InstanceFactory.FirstAsync();
        await using var b = InstanceFactory.Join(a);
        var primary = Masters(a).Primary;

        Assert.True(await Leases(a).TryAcquireAsync(primary, "test", CancellationToken.None, TimeSpan.FromMilliseconds(1)));
        // Let the 1 ms lease run out (a precondition, not a timing assertion).
        await Task.Delay(50);

        Assert.True(await Leases(b).TryAcquireAsync(primary, "test", CancellationToken.None));
        Assert.False(await Leases(a).TryAcquireAsync(primary, "test", CancellationToken.None));
    }

    [Fact]
    public async Task RecoveryAndHousekeeping_WhileAnotherInstanceHoldsTheirLease_SkipTheirPassWithoutWaiting()
    {
        await using var a = await InstanceFactory.FirstAsync();
        await using var b = InstanceFactory.Join(a);
        var primary = Masters(a).Primary;
        Assert.True(await Leases(a).TryAcquireAsync(primary, "recovery", CancellationToken.None));
        Assert.True(await Leases(a).TryAcquireAsync(primary, "housekeeping", CancellationToken.None));

        var recovery = b.Services.GetRequiredService<RecoveryPass>();
        var housekeeping = b.Services.GetRequiredService<HousekeepingPass>();
        Assert.True((await recovery.RunOnceAsync(CancellationToken.None)).Skipped);
        Assert.True((await recovery.ReplayOutboxAsync(CancellationToken.None)).Skipped);
        Assert.True((await housekeeping.RunOnceAsync(CancellationToken.None)).Skipped);

        await Leases(a).ReleaseAsync(primary, "recovery");
        await Leases(a).ReleaseAsync(primary, "housekeeping");
        Assert.False((await recovery.RunOnceAsync(CancellationToken.None)).Skipped);
        Assert.False((await housekeeping.RunOnceAsync(CancellationToken.None)).Skipped);
        // A pass gives its lease back when it ends: the other instance's next pass runs.
        Assert.False((await a.Services.GetRequiredService<RecoveryPass>().RunOnceAsync(CancellationToken.None)).Skipped);
    }

    [Fact]
    public async Task ThreeInstancesStartingAtOnce_OnFreshDatabases_ApplyEachMigrationOnce()
    {
        await using var a = new InstanceFactory();
        await a.InitializeAsync();
        await using var b = InstanceFactory.Join(a);
        await using var c = InstanceFactory.Join(a);

        // Each host migrates both masters as it starts.
        await Task.WhenAll(new[] { a, b, c }.Select(instance => Task.Run(() => instance.CreateClient())));

        var versions = SchemaMigrator.LoadMigrations(TestDatabases.IsMySql ? DatabaseProvider.MySql : DatabaseProvider.Sqlite).Count();
        foreach (var master in new[] { a.Primary, a.Secondary })
        {
            Assert.Equal(versions, await MasterSql.CountAsync(master, "SELECT COUNT(*) FROM schema_migrations"));
            Assert.Equal(0, await MasterSql.CountAsync(master, "SELECT COUNT(*) FROM leases WHERE name = 'schema'"));
        }

        var client = await b.CreateApiClient().SignUpAndLoginAsync();
        Assert.True(client.UserId > 0);
    }

    private static async Task<(bool Got, string Holder)> Ask(Leases leases, MasterDatabase primary) =>
        (await leases.TryAcquireAsync(primary, "test", CancellationToken.None), leases.Holder);

    private static Leases Leases(InstanceFactory app) => app.Services.GetRequiredService<Leases>();

    private static Masters Masters(InstanceFactory app) => app.Services.GetRequiredService<Masters>();
}
