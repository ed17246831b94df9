using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReadingTracker.Api.Quota;

namespace ReadingTracker.Api.Tests.Quota;

public sealed class WriteQuotaTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, 500, TimeSpan.Zero));

    private WriteQuota Quota(int perMinute) => new(Options.Create(new WriteQuotaOptions { WriteRowsPerMinute = perMinute }), _time);

    [Fact]
    public void RowsUpToTheQuota_Pass_AndOneMore_WaitsUntilTheOldestRowsAgeOut()
    {
        var quota = Quota(3000);
        for (var i = 0; i < 30; i++)
        {
            Assert.Null(quota.TryCharge(1, 100));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // 30 s after the first batch, it ages out 31 s from now (its second ends, then a minute).
        var wait = quota.TryCharge(1, 1);

        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalSeconds, 30, 31);
        _time.Advance(wait.Value);
        Assert.Null(quota.TryCharge(1, 100));
        Assert.NotNull(quota.TryCharge(1, 1));
    }

    [Fact]
    public void ARefusedRequest_CountsNothing()
    {
        var quota = Quota(100);
        Assert.Null(quota.TryCharge(1, 60));
        Assert.NotNull(quota.TryCharge(1, 50));

        Assert.Null(quota.TryCharge(1, 40));
    }

    [Fact]
    public void EachUser_HasTheirOwnQuota()
    {
        var quota = Quota(100);
        Assert.Null(quota.TryCharge(1, 100));

        Assert.NotNull(quota.TryCharge(1, 1));
        Assert.Null(quota.TryCharge(2, 100));
    }

    [Fact]
    public void AThousandMemoSync_InTenBatches_PassesTheDefault_WithRoomToSpare()
    {
        var quota = Quota(new WriteQuotaOptions().WriteRowsPerMinute);
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(quota.TryCharge(1, 100));
        }

        Assert.Null(quota.TryCharge(1, 2000));
        Assert.NotNull(quota.TryCharge(1, 1));
    }

    [Fact]
    public void AfterAQuietMinute_TheWholeQuotaIsBack()
    {
        var quota = Quota(100);
        Assert.Null(quota.TryCharge(1, 100));
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Null(quota.TryCharge(1, 100));
    }
}
