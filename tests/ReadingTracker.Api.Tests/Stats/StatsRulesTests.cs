using ReadingTracker.Api.Stats;

namespace ReadingTracker.Api.Tests.Stats;

public sealed class StatsRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void Streaks_CountConsecutiveDays_AndTheCurrentOneSurvivesUntilTodayEnds()
    {
        DateOnly[] days = [new(2026, 1, 1), new(2026, 1, 2), new(2026, 1, 3), new(2026, 1, 5), Today.AddDays(-2), Today.AddDays(-1), Today.AddDays(3)];

        var streaks = StreakCounter.Count(days, Today);

        Assert.Equal(new ReadingStreaks(2, "2026-11-28", 3, "2026-01-01", "2026-01-03"), streaks);
        Assert.Equal(0, StreakCounter.Count([Today.AddDays(-2)], Today).Current);
        Assert.Equal(new ReadingStreaks(0, null, 0, null, null), StreakCounter.Count([], Today));
    }

    [Fact]
    public void MemoPages_CountOnlyTheRiseOfEachEntrysHighestPage()
    {
        var before = new Dictionary<long, long> { [1] = 5 };

        var pages = MemoPages.ByDay(before, [(1, 10, 20), (1, 11, 15), (1, 12, 50), (2, 12, 40), (2, 13, 40)]);

        Assert.Equal(new Dictionary<long, long> { [10] = 15, [12] = 70 }, pages);
    }

    [Theory]
    [InlineData("Asia/Seoul", "2025-03-01T23:30:00+09:00", "2025-03-01")]
    [InlineData("America/New_York", "2025-03-09T23:30:00-04:00", "2025-03-09")]
    [InlineData("America/New_York", "2025-03-08T23:30:00-05:00", "2025-03-08")]
    [InlineData("America/New_York", "2025-11-02T01:30:00-05:00", "2025-11-02")]
    [InlineData("America/New_York", "2025-11-02T00:30:00-04:00", "2025-11-02")]
    [InlineData("Asia/Kathmandu", "1950-06-01T00:10:00+05:30", "1950-06-01")]
    public void LocalDays_GiveTheLocalCalendarDay(string zoneId, string instant, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var days = new LocalDays(zone, at - (400L * 86_400_000), at + (400L * 86_400_000));

        var sql = days.Sql("t", ReadingTracker.Api.Persistence.DatabaseProvider.Sqlite).Replace("t", at.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LocalDays.ToDate(Evaluate(sql)));
    }

    /// <summary>Runs the generated expression on an in-memory SQLite, so the test checks the SQL itself.</summary>
    private static long Evaluate(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + sql;
        return (long)command.ExecuteScalar()!;
    }
}
