using ReadingTracker.Api.Admin;

namespace ReadingTracker.Api.Tests.Admin;

public sealed class AdminOptionsTests
{
    [Fact]
    public void LoginIds_FromOneCommaSeparatedString_AreEachGranted()
    {
        Assert.Equal(["alice", "bob"], AdminOptions.WithCommaList([], "alice, bob,,"));
    }

    [Fact]
    public void LoginIds_FromAnArrayAndAString_AreJoined_WithoutRepeats()
    {
        Assert.Equal(["alice", "bob"], AdminOptions.WithCommaList(["alice"], "bob,alice"));
        Assert.Equal(["alice"], AdminOptions.WithCommaList(["alice"], null));
    }
}
