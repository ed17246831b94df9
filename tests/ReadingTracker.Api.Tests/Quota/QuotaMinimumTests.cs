using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Quota;

namespace ReadingTracker.Api.Tests.Quota;

/// <summary>The quota's floor is written as a number in Quota (which must not depend on Memos); this keeps it in step with the batch.</summary>
public sealed class QuotaMinimumTests
{
    [Fact]
    public void TheSmallestQuota_LetsOneFullMemoBatchThrough()
    {
        Assert.True(WriteQuotaOptions.Minimum >= CreateMemoBatch.MaxItems,
            $"Quota minimum {WriteQuotaOptions.Minimum} is below a full memo batch of {CreateMemoBatch.MaxItems}");
    }
}
