using Dapper;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

public sealed record DeviceInfo(string DeviceId, string DeviceName, string Platform);

public sealed record TokenPair(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, string DeviceId);

public sealed class DeviceRow
{
    public long Id { get; init; }

    public long UserId { get; init; }

    public string DeviceId { get; init; } = "";

    public string DeviceName { get; init; } = "";

    public string Platform { get; init; } = "WEB";

    public long? LastSeenAt { get; init; }

    public long? RevokedAt { get; init; }

    public long CreatedAt { get; init; }

    public string? SessionId { get; init; }
}

/// <summary>
/// Issues a device session: the device row (created or touched) and a new refresh token are added to
/// the caller's write batch, so the login bookkeeping and the session land on both masters together.
/// Every login starts a new session id on the device, so no token of an earlier session (one that was
/// logged out, revoked, or simply replaced) authenticates again.
/// </summary>
public sealed class SessionIssuer(FailoverReader reader, IdGenerator ids, TokenService tokens, IOptions<JwtOptions> options, TimeProvider time)
{
    public Task<DeviceRow?> FindDeviceAsync(long userId, string deviceId, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<DeviceRow>(new CommandDefinition(
            "SELECT * FROM user_devices WHERE user_id = @userId AND device_id = @deviceId", new { userId, deviceId }, cancellationToken: ct)), ct);

    public async Task<TokenPair> IssueAsync(WriteBatch batch, UserRow user, DeviceInfo device, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var sessionId = TokenService.NewSessionId();
        var existing = await FindDeviceAsync(user.Id, device.DeviceId, ct);
        if (existing is null)
        {
            batch.Add(UserDevicesTable.Insert(ids.NextId(), user.Id, device, sessionId, now));
        }
        else
        {
            batch.Add(UserDevicesTable.SignedIn(existing.Id, device, sessionId, now));
        }

        return await AddRefreshTokenAsync(batch, user, device.DeviceId, sessionId, now, ct);
    }

    public async Task<TokenPair> AddRefreshTokenAsync(WriteBatch batch, UserRow user, string deviceId, string sessionId, long now, CancellationToken ct)
    {
        var refreshToken = TokenService.NewRefreshToken();
        batch.Add(RefreshTokensTable.Insert(
            ids.NextId(), user.Id, deviceId, TokenService.HashToken(refreshToken), now + (options.Value.RefreshTokenDays * 86_400_000L), sessionId, now));
        return new TokenPair(await tokens.CreateAccessTokenAsync(user, deviceId, sessionId, ct), refreshToken, "Bearer", tokens.AccessTokenSeconds, deviceId);
    }
}
