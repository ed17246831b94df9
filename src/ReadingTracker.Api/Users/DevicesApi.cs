using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Users;

public sealed record DeviceResponse(
    string DeviceId, string DeviceName, string Platform, string? LastSeenAt, string CreatedAt, bool Current, bool Revoked);

/// <summary>The devices a user signed in from; revoking one ends its session (refresh and access tokens).</summary>
public static class DevicesApi
{
    public static async Task<Ok<ApiResponse<IReadOnlyList<DeviceResponse>>>> ListDevices(
        CurrentUser user, FailoverReader reader, CancellationToken ct)
    {
        var rows = await reader.ReadAsync(c => c.QueryAsync<DeviceRow>(new CommandDefinition(
            "SELECT * FROM user_devices WHERE user_id = @userId ORDER BY COALESCE(last_seen_at, created_at) DESC, id",
            new { userId = user.Id }, cancellationToken: ct)), ct);
        IReadOnlyList<DeviceResponse> devices = rows.Select(d => new DeviceResponse(
            d.DeviceId,
            d.DeviceName,
            d.Platform,
            WireTime.ToWire(d.LastSeenAt, user.TimeZone),
            WireTime.ToWire(d.CreatedAt, user.TimeZone),
            d.DeviceId == user.DeviceId,
            d.RevokedAt is not null)).ToList();
        return Envelope.Ok(devices);
    }

    public static async Task<Ok<ApiResponse<MessageResponse>>> RevokeDevice(
        string deviceId, CurrentUser user, HttpContext context, SessionIssuer sessions, RefreshTokens refreshTokens, DualWriter writer,
        TimeProvider time, CancellationToken ct)
    {
        var device = await sessions.FindDeviceAsync(user.Id, deviceId, ct) ?? throw UsersErrors.DeviceNotFound();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch();
        // Revoking twice keeps the first revocation time.
        await refreshTokens.RevokeDeviceAsync(batch, user.Id, device.DeviceId, device.RevokedAt is null ? device.Id : null, now, ct);
        await writer.WriteAsync(batch, ct);
        return Envelope.Message(context, "기기에서 로그아웃되었습니다.", "The device was logged out.");
    }
}
