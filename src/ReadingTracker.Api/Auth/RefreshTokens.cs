using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Auth;

/// <summary>A stored refresh token with the state of the device it belongs to (null when the device row is gone).</summary>
public sealed class RefreshTokenRow
{
    public long Id { get; init; }

    public long UserId { get; init; }

    public string DeviceId { get; init; } = "";

    public long ExpiresAt { get; init; }

    public long? RotatedAt { get; init; }

    public long? RevokedAt { get; init; }

    public long? DeviceRowId { get; init; }

    public long? DeviceRevokedAt { get; init; }

    public string? SessionId { get; init; }

    public string? DeviceSessionId { get; init; }
}

/// <summary>
/// Reads of refresh tokens, and the revocations that end sessions. Revocations are added to the
/// caller's batch so they land on both masters together with whatever else the request writes.
/// </summary>
public sealed class RefreshTokens(FailoverReader reader, IOptions<JwtOptions> options)
{
    public Task<RefreshTokenRow?> FindAsync(string token, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<RefreshTokenRow>(new CommandDefinition(
            """
            SELECT t.id, t.user_id, t.device_id, t.expires_at, t.rotated_at, t.revoked_at, t.session_id,
                   d.id AS device_row_id, d.revoked_at AS device_revoked_at, d.session_id AS device_session_id
            FROM refresh_tokens t
            LEFT JOIN user_devices d ON d.user_id = t.user_id AND d.device_id = t.device_id
            WHERE t.token_hash = @hash
            """,
            new { hash = TokenService.HashToken(token) }, cancellationToken: ct)), ct);

    /// <summary>
    /// Revokes every token of the user that could still buy a new pair: unrevoked, unexpired, and
    /// not rotated longer ago than the reuse leeway (those already count as theft when presented).
    /// <paramref name="deviceId"/> limits it to one device; <paramref name="exceptDeviceId"/> spares one.
    /// </summary>
    public async Task RevokeLiveAsync(WriteBatch batch, long userId, long now, CancellationToken ct, string? deviceId = null, string? exceptDeviceId = null)
    {
        var rotatedSince = now - LeewayMillis;
        var ids = await reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            """
            SELECT id FROM refresh_tokens
            WHERE user_id = @userId AND revoked_at IS NULL AND expires_at > @now
              AND (rotated_at IS NULL OR rotated_at > @rotatedSince)
              AND (@deviceId IS NULL OR device_id = @deviceId)
              AND (@exceptDeviceId IS NULL OR device_id <> @exceptDeviceId)
            ORDER BY id
            """,
            new { userId, now, rotatedSince, deviceId, exceptDeviceId }, cancellationToken: ct)), ct);
        foreach (var id in ids)
        {
            batch.Add(RefreshTokensTable.Revoke(id, now));
        }
    }

    /// <summary>
    /// Ends a device's session: its live tokens are revoked and the device is marked revoked with no
    /// session, which stops its access tokens at their next request.
    /// </summary>
    public async Task RevokeDeviceAsync(WriteBatch batch, long userId, string deviceId, long? deviceRowId, long now, CancellationToken ct)
    {
        await RevokeLiveAsync(batch, userId, now, ct, deviceId: deviceId);
        if (deviceRowId is { } rowId)
        {
            batch.Add(UserDevicesTable.Revoke(rowId, now));
        }
    }

    /// <summary>
    /// Ends the sessions of every device of the user (but <paramref name="exceptDeviceId"/>) without
    /// revoking the devices: refresh tokens are revoked and each session id cleared, so every access
    /// token issued in them is refused at once. The devices sign in again with the new password.
    /// </summary>
    public async Task EndSessionsAsync(WriteBatch batch, long userId, long now, CancellationToken ct, string? exceptDeviceId = null)
    {
        await RevokeLiveAsync(batch, userId, now, ct, exceptDeviceId: exceptDeviceId);
        var devices = await reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            """
            SELECT id FROM user_devices
            WHERE user_id = @userId AND session_id IS NOT NULL AND (@exceptDeviceId IS NULL OR device_id <> @exceptDeviceId)
            ORDER BY id
            """,
            new { userId, exceptDeviceId }, cancellationToken: ct)), ct);
        foreach (var id in devices)
        {
            batch.Add(UserDevicesTable.EndSession(id));
        }
    }

    public long LeewayMillis => options.Value.RefreshReuseLeewaySeconds * 1000L;
}
