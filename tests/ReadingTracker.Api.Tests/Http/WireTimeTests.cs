using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Tests.Http;

public sealed class WireTimeTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    [Fact]
    public void LocalWallClock_RoundTrips_ThroughUtcMillis()
    {
        var millis = WireTime.TryParse("2026-11-24T08:30:00", Seoul);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), millis);
        Assert.Equal("2026-11-24T08:30:00", WireTime.ToWire(millis!.Value, Seoul));
    }

    [Fact]
    public void ExplicitOffset_Wins_OverTheUsersZone()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), WireTime.TryParse("2026-11-24T00:00:00Z", Seoul));
    }

    [Fact]
    public void Year1EastOfUtc_AndYear9999WestOfUtc_Saturate_InsteadOfThrowing()
    {
        var losAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        Assert.Equal(long.MinValue, WireTime.TryParse("0001-01-01T00:00:00", Seoul));
        Assert.Equal(long.MaxValue, WireTime.TryParse("9999-12-31T23:59:59", losAngeles));
    }

    [Fact]
    public void Validator_RefusesMemoTimesOutsideTheRange_WithTheField()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var v = new Validator();

        Assert.Null(v.DateTime("0001-01-01T00:00:00", Seoul, "memoStartTime", now.AddDays(1)));
        Assert.Null(v.DateTime("2026-12-01T00:00:00", Seoul, "memoStartTime", now.AddDays(1)));
        Assert.NotNull(v.DateTime("1900-01-01T00:00:00", Seoul, "memoStartTime", now.AddDays(1)));
        Assert.NotNull(v.DateTime("2026-11-30T20:59:59", Seoul, "memoStartTime", now.AddDays(1)));
        var error = Assert.Throws<ValidationException>(v.ThrowIfInvalid);
        Assert.Equal(["memoStartTime", "memoStartTime"], error.Fields!.Select(f => f.Name));
    }

    [Fact]
    public void DayRange_IsTheUsersLocalDay()
    {
        // Regression for the earlier client's toISOString() bug: before 09:00 KST "today" was yesterday in UTC.
        var (start, end) = WireTime.DayRange(new DateOnly(2026, 11, 24), Seoul);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), start);
        Assert.Equal(86_400_000, end - start);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T00:00:00")]
    [InlineData("")]
    public void NotADateTime_IsNull(string text) => Assert.Null(WireTime.TryParse(text, Seoul));
}
