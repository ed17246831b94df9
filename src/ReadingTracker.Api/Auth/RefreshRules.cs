namespace ReadingTracker.Api.Auth;

public enum RefreshVerdict
{
    /// <summary>A current token: rotate it and issue the next pair.</summary>
    Rotate,

    /// <summary>Rotated moments ago (two tabs refreshing at once): issue another pair, rotate nothing.</summary>
    Reissue,

    /// <summary>The device was logged out or removed.</summary>
    DeviceRevoked,

    /// <summary>
    /// The token belongs to a session the device no longer runs (a password change or reset ended it,
    /// or a newer login replaced it): refused, but not theft — the holder simply signs in again.
    /// </summary>
    SessionEnded,

    Expired,

    /// <summary>Revoked, or rotated longer ago than the leeway: someone holds a copy. End the device's session.</summary>
    Reused,
}

/// <summary>What a presented refresh token is worth. Pure, so the decision table is tested without I/O.</summary>
public static class RefreshRules
{
    public static RefreshVerdict Judge(RefreshTokenRow token, long now, long leewayMillis)
    {
        if (token.DeviceRowId is null || token.DeviceRevokedAt is not null)
        {
            return RefreshVerdict.DeviceRevoked;
        }

        // Both null: a token and device from before sessions existed; its refresh starts a session.
        if (token.SessionId != token.DeviceSessionId)
        {
            return RefreshVerdict.SessionEnded;
        }

        if (token.ExpiresAt <= now)
        {
            return RefreshVerdict.Expired;
        }

        if (token.RevokedAt is not null)
        {
            return RefreshVerdict.Reused;
        }

        return token.RotatedAt switch
        {
            null => RefreshVerdict.Rotate,
            { } rotated when now - rotated < leewayMillis => RefreshVerdict.Reissue,
            _ => RefreshVerdict.Reused,
        };
    }
}
