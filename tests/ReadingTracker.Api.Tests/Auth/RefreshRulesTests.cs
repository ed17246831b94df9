using ReadingTracker.Api.Auth;

namespace ReadingTracker.Api.Tests.Auth;

public sealed class RefreshRulesTests
{
    private const long Now = 1_700_000_000_000;
    private const long Leeway = 10_000;

    [Fact]
    public void Judge_CurrentToken_Rotates() =>
        Assert.Equal(RefreshVerdict.Rotate, RefreshRules.Judge(Token(), Now, Leeway));

    [Fact]
    public void Judge_RotatedWithinLeeway_IsARaceOfTwoTabs_AndReissues() =>
        Assert.Equal(RefreshVerdict.Reissue, RefreshRules.Judge(Token(rotatedAt: Now - Leeway + 1), Now, Leeway));

    [Fact]
    public void Judge_RotatedExactlyALeewayAgo_IsReuse() =>
        Assert.Equal(RefreshVerdict.Reused, RefreshRules.Judge(Token(rotatedAt: Now - Leeway), Now, Leeway));

    [Fact]
    public void Judge_WithZeroLeeway_AnyRepeatIsReuse() =>
        Assert.Equal(RefreshVerdict.Reused, RefreshRules.Judge(Token(rotatedAt: Now), Now, 0));

    [Fact]
    public void Judge_RevokedToken_IsReuse_EvenWithinTheLeeway() =>
        Assert.Equal(RefreshVerdict.Reused, RefreshRules.Judge(Token(rotatedAt: Now - 1, revokedAt: Now - 1), Now, Leeway));

    [Fact]
    public void Judge_ExpiredToken_IsExpired_NotTheft() =>
        Assert.Equal(RefreshVerdict.Expired, RefreshRules.Judge(Token(expiresAt: Now, rotatedAt: Now - Leeway - 1), Now, Leeway));

    [Fact]
    public void Judge_TokenOfARevokedDevice_IsDeviceRevoked() =>
        Assert.Equal(RefreshVerdict.DeviceRevoked, RefreshRules.Judge(Token(revokedAt: Now - 5, deviceRevokedAt: Now - 5), Now, Leeway));

    [Fact]
    public void Judge_TokenWhoseDeviceRowIsGone_IsDeviceRevoked() =>
        Assert.Equal(RefreshVerdict.DeviceRevoked, RefreshRules.Judge(Token(deviceRowId: null), Now, Leeway));

    [Fact]
    public void Judge_TokenOfAnEndedSession_IsSessionEnded_NotTheft() =>
        Assert.Equal(RefreshVerdict.SessionEnded, RefreshRules.Judge(Token(revokedAt: Now - 5, deviceSessionId: null), Now, Leeway));

    [Fact]
    public void Judge_TokenOfAnEarlierSession_IsSessionEnded() =>
        Assert.Equal(RefreshVerdict.SessionEnded, RefreshRules.Judge(Token(deviceSessionId: "b0"), Now, Leeway));

    [Fact]
    public void Judge_TokenAndDeviceFromBeforeSessions_Rotates() =>
        Assert.Equal(RefreshVerdict.Rotate, RefreshRules.Judge(Token(sessionId: null, deviceSessionId: null), Now, Leeway));

    private static RefreshTokenRow Token(
        long? expiresAt = null, long? rotatedAt = null, long? revokedAt = null, long? deviceRevokedAt = null, long? deviceRowId = 7,
        string? sessionId = "a0", string? deviceSessionId = "a0") => new()
    {
        Id = 1,
        UserId = 2,
        DeviceId = "device-0001",
        ExpiresAt = expiresAt ?? Now + 86_400_000,
        RotatedAt = rotatedAt,
        RevokedAt = revokedAt,
        DeviceRowId = deviceRowId,
        DeviceRevokedAt = deviceRevokedAt,
        SessionId = sessionId,
        DeviceSessionId = deviceSessionId,
    };
}
