using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// The writes of user_devices: a device is inserted at its first sign-in, signed in again, seen at each refresh, and
/// has its session ended (a password change or reset) or the device revoked (logout, removal, token theft).
/// </summary>
public static class UserDevicesTable
{
    public static readonly Table Table = new("user_devices");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<string> DeviceId = Table.Column<string>("device_id");
    private static readonly Column<string> DeviceName = Table.Column<string>("device_name");
    private static readonly Column<string> Platform = Table.Column<string>("platform");
    private static readonly Column<long?> LastSeenAt = Table.Column<long?>("last_seen_at");
    private static readonly Column<long?> RevokedAt = Table.Column<long?>("revoked_at");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<string?> SessionId = Table.Column<string?>("session_id");

    /// <summary>A device's first sign-in, which starts its session.</summary>
    public static RowWrite Insert(long id, long userId, DeviceInfo device, string sessionId, long now) => Table.Insert(
        Table.Id.Set(id), UserId.Set(userId), DeviceId.Set(device.DeviceId), DeviceName.Set(device.DeviceName), Platform.Set(device.Platform),
        LastSeenAt.Set(now), RevokedAt.Set(null), CreatedAt.Set(now), SessionId.Set(sessionId));

    /// <summary>A known device signs in again: a new session, and no longer revoked.</summary>
    public static RowWrite SignedIn(long id, DeviceInfo device, string sessionId, long now) => Table.Update(
        id, DeviceName.Set(device.DeviceName), Platform.Set(device.Platform), LastSeenAt.Set(now), RevokedAt.Set(null), SessionId.Set(sessionId));

    /// <summary>A refresh from the device. <paramref name="startedSession"/>: the session it starts (a device from before sessions had none).</summary>
    public static RowWrite Seen(long id, long now, string? startedSession) => startedSession is null
        ? Table.Update(id, LastSeenAt.Set(now))
        : Table.Update(id, LastSeenAt.Set(now), SessionId.Set(startedSession));

    /// <summary>Ends the device's session, so every access token issued in it is refused; the device may sign in again.</summary>
    public static RowWrite EndSession(long id) => Table.Update(id, SessionId.Set(null));

    /// <summary>Revokes the device and ends its session.</summary>
    public static RowWrite Revoke(long id, long now) => Table.Update(id, RevokedAt.Set(now), SessionId.Set(null));
}
