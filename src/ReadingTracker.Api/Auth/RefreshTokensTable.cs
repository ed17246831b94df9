using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// The writes of refresh_tokens: a token (its hash) is inserted when a pair is issued, marked rotated when it buys the
/// next pair, revoked when its session ends, and purged by housekeeping once long expired.
/// </summary>
public static class RefreshTokensTable
{
    public static readonly Table Table = new("refresh_tokens");

    private static readonly Column<long> UserId = Table.Column<long>("user_id");
    private static readonly Column<string> DeviceId = Table.Column<string>("device_id");
    private static readonly Column<string> TokenHash = Table.Column<string>("token_hash");
    private static readonly Column<long> ExpiresAt = Table.Column<long>("expires_at");
    private static readonly Column<long?> RotatedAt = Table.Column<long?>("rotated_at");
    private static readonly Column<long?> RevokedAt = Table.Column<long?>("revoked_at");
    private static readonly Column<long> CreatedAt = Table.Column<long>("created_at");
    private static readonly Column<string?> SessionId = Table.Column<string?>("session_id");

    public static RowWrite Insert(long id, long userId, string deviceId, string tokenHash, long expiresAt, string sessionId, long now) => Table.Insert(
        Table.Id.Set(id), UserId.Set(userId), DeviceId.Set(deviceId), TokenHash.Set(tokenHash), ExpiresAt.Set(expiresAt),
        RotatedAt.Set(null), RevokedAt.Set(null), CreatedAt.Set(now), SessionId.Set(sessionId));

    public static RowWrite Rotate(long id, long now) => Table.Update(id, RotatedAt.Set(now));

    public static RowWrite Revoke(long id, long now) => Table.Update(id, RevokedAt.Set(now));
}
