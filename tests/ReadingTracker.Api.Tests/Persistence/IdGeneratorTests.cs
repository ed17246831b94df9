using Microsoft.Extensions.Time.Testing;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Persistence;

public sealed class IdGeneratorTests
{
    [Fact]
    public void Ids_AreUniqueAndIncreasing_WithinOneMillisecond()
    {
        var generator = new IdGenerator(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)));
        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.NextId()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public void TwoInstancesWithTheirOwnWorkers_NeverMakeTheSameId_InTheSameMilliseconds()
    {
        // Issue 15: two instances without worker numbers made the same id in the same millisecond.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        var (a, b) = (new IdGenerator(clock), new IdGenerator(clock));
        a.UseWorker(0);
        b.UseWorker(1);

        var ids = Enumerable.Range(0, 1000).SelectMany(_ => new[] { a.NextId(), b.NextId() }).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_StayBelowTwoToThe53_ForDecades()
    {
        var generator = new IdGenerator(new FakeTimeProvider(new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(generator.NextId() < (1L << 53));
    }

    [Fact]
    public void Ids_DoNotGoBackwards_WhenTheClockDoes()
    {
        var clock = new BackwardsClock { Now = new DateTimeOffset(2026, 11, 24, 0, 0, 5, TimeSpan.Zero) };
        var generator = new IdGenerator(clock);
        var first = generator.NextId();
        clock.Now = clock.Now.AddSeconds(-5);
        Assert.True(generator.NextId() > first);
    }

    /// <summary>FakeTimeProvider refuses to go back; a wall clock adjusted by NTP does not.</summary>
    private sealed class BackwardsClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
