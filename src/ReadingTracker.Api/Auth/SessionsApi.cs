using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Refresh-token rotation with a reuse leeway and theft detection (docs/contract.md §3.1), and logout.</summary>
public static class SessionsApi
{
    public static async Task<Ok<ApiResponse<TokenPair>>> Refresh(
        RefreshRequest request, RefreshTokens refreshTokens, UserStore users, SessionIssuer sessions, DualWriter writer,
        TimeProvider time, CancellationToken ct)
    {
        new Validator().Required(request.RefreshToken, "refreshToken").ThrowIfInvalid();
        var token = await refreshTokens.FindAsync(request.RefreshToken!, ct) ?? throw AuthErrors.InvalidRefreshToken();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var verdict = RefreshRules.Judge(token, now, refreshTokens.LeewayMillis);
        switch (verdict)
        {
            case RefreshVerdict.DeviceRevoked:
                throw AuthErrors.DeviceRevoked();
            case RefreshVerdict.SessionEnded:
                throw AuthErrors.SessionEnded();
            case RefreshVerdict.Expired:
                throw AuthErrors.RefreshTokenExpired();
            case RefreshVerdict.Reused:
                // A copy of this device's token is in someone else's hands: end the whole device session,
                // access tokens included, so neither the thief nor the victim keeps going on it.
                var theft = new WriteBatch();
                await refreshTokens.RevokeDeviceAsync(theft, token.UserId, token.DeviceId, token.DeviceRowId, now, ct);
                await writer.WriteAsync(theft, ct);
                throw AuthErrors.RefreshTokenReused();
        }

        var user = await users.FindByIdAsync(token.UserId, ct) ?? throw AuthErrors.InvalidRefreshToken();
        EnsureMaySignIn(user, now);

        var batch = new WriteBatch();
        if (verdict == RefreshVerdict.Rotate)
        {
            batch.Add(RefreshTokensTable.Rotate(token.Id, now));
        }

        // A token from before sessions existed (both ids null) starts one here. Otherwise the device's session is
        // never written: a logout or password reset that ended it while this refresh ran must stay ended, and the
        // pair issued here then fails as SESSION_ENDED.
        var sessionId = token.SessionId ?? TokenService.NewSessionId();
        batch.Add(UserDevicesTable.Seen(token.DeviceRowId!.Value, now, startedSession: token.SessionId is null ? sessionId : null));
        var pair = await sessions.AddRefreshTokenAsync(batch, user, token.DeviceId, sessionId, now, ct);
        await writer.WriteAsync(batch, ct);
        return Envelope.Ok(pair);
    }

    public static async Task<Ok<ApiResponse<MessageResponse>>> Logout(
        CurrentUser user, HttpContext context, RefreshTokens refreshTokens, SessionIssuer sessions, DualWriter writer,
        TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var device = await sessions.FindDeviceAsync(user.Id, user.DeviceId, ct);
        var batch = new WriteBatch();
        await refreshTokens.RevokeDeviceAsync(batch, user.Id, user.DeviceId, device?.Id, now, ct);
        await writer.WriteAsync(batch, ct);
        return Envelope.Message(context, "로그아웃되었습니다.", "Logged out.");
    }

    /// <summary>A refresh signs the user in again, so it obeys the same account states as login; a lapsed lock no longer counts.</summary>
    private static void EnsureMaySignIn(UserRow user, long now)
    {
        if (user.Status == "DELETED")
        {
            throw AuthErrors.AccountDeleted();
        }

        if (user.Status == "LOCKED" && user.LockedUntil is { } until && until > now)
        {
            throw AuthErrors.AccountLocked((int)Math.Ceiling((until - now) / 60_000.0));
        }
    }
}
