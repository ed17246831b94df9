using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Account;

public sealed record DeviceResponse(
    string DeviceId, string DeviceName, string Platform, string? LastSeenAt, string CreatedAt, bool Current, bool Revoked);

/// <summary>The devices a user signed in from; revoking one ends its session (refresh and access tokens).</summary>
public static class DevicesApi
{
    private const char CursorKind = 'd';

    /// <summary>
    /// Most recently seen first, a page at a time: every login that names no device adds one, so the list has
    /// no natural end. A device seen again between two pages may move ahead of the cursor and be skipped there.
    /// </summary>
    public static async Task<Ok<ApiPage<IReadOnlyList<DeviceResponse>>>> ListDevices(
        int? limit, string? cursor, CurrentUser user, FailoverReader reader, CancellationToken ct)
    {
        var v = new Validator();
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = PageCursor.Decode(v, cursor, CursorKind, numericKey: true);
        v.ThrowIfInvalid();
        var rows = await reader.ReadAsync(c => c.QueryAsync<DeviceRow>(new CommandDefinition(
            "SELECT * FROM user_devices WHERE user_id = @userId" +
            (after is null ? "" : " AND (COALESCE(last_seen_at, created_at) < @afterSeen OR (COALESCE(last_seen_at, created_at) = @afterSeen AND id > @afterId))") +
            " ORDER BY COALESCE(last_seen_at, created_at) DESC, id LIMIT @take",
            new { userId = user.Id, afterSeen = after?.NumericKey, afterId = after?.Id, take = take + 1 }, cancellationToken: ct)), ct);
        var page = Page<DeviceRow>.From(rows.AsList(), take,
            d => new PageCursor(CursorKind, (d.LastSeenAt ?? d.CreatedAt).ToString(System.Globalization.CultureInfo.InvariantCulture), d.Id));
        return Paging.Ok(page.Map(d => new DeviceResponse(
            d.DeviceId,
            d.DeviceName,
            d.Platform,
            WireTime.ToWire(d.LastSeenAt, user.TimeZone),
            WireTime.ToWire(d.CreatedAt, user.TimeZone),
            d.DeviceId == user.DeviceId,
            d.RevokedAt is not null)));
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
