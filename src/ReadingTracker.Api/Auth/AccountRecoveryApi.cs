using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

public sealed record FindLoginIdRequest(string? Email, string? Name);

public sealed record FindLoginIdResponse(string LoginId, string Email);

public sealed record VerifyAccountRequest(string? LoginId, string? Email);

public sealed record VerifyAccountResponse(string Message, string ResetToken);

public sealed record ResetPasswordRequest(string? ResetToken, string? NewPassword, string? ConfirmPassword);

public sealed record ResetPasswordResponse(string Message, string LoginId);

public sealed class ResetTokenRow
{
    public long Id { get; init; }

    public long UserId { get; init; }

    public long ExpiresAt { get; init; }

    public long? UsedAt { get; init; }
}

/// <summary>
/// Find the login id, and the two-step password reset of the earlier system. A locked account may
/// recover (a reset lifts the lock); a deleted one may not. Reset tokens are stored as SHA-256 and
/// dual-written like every other row.
/// </summary>
public static class AccountRecoveryApi
{
    public static async Task<Ok<ApiResponse<FindLoginIdResponse>>> FindLoginId(FindLoginIdRequest request, UserStore users, CancellationToken ct)
    {
        new Validator().Required(request.Email, "email").Required(request.Name, "name").ThrowIfInvalid();
        var user = await users.FindByEmailAsync(UserFields.NormalizeEmail(request.Email!), ct);
        if (user is null || user.Status == "DELETED" || user.Name != request.Name!.Trim())
        {
            throw AuthErrors.AccountNotFound();
        }

        return Envelope.Ok(new FindLoginIdResponse(user.LoginId, user.Email));
    }

    public static async Task<Ok<ApiResponse<VerifyAccountResponse>>> VerifyAccount(
        VerifyAccountRequest request, HttpContext context, UserStore users, FailoverReader reader, DualWriter writer, IdGenerator ids,
        IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        new Validator().Required(request.LoginId, "loginId").Required(request.Email, "email").ThrowIfInvalid();
        var user = await users.FindByLoginIdAsync(request.LoginId!, ct);
        if (user is null || user.Status == "DELETED" || user.Email != UserFields.NormalizeEmail(request.Email!))
        {
            throw AuthErrors.AccountNotFound();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var earlier = await reader.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM password_reset_tokens WHERE user_id = @userId AND used_at IS NULL AND expires_at > @now ORDER BY id",
            new { userId = user.Id, now }, cancellationToken: ct)), ct);
        var batch = new WriteBatch();
        foreach (var id in earlier)
        {
            batch.Update("password_reset_tokens", id, new { UsedAt = now });
        }

        var resetToken = TokenService.NewOpaqueToken();
        batch.Insert("password_reset_tokens", new
        {
            Id = ids.NextId(),
            UserId = user.Id,
            TokenHash = TokenService.HashToken(resetToken),
            ExpiresAt = now + (options.Value.ResetTokenMinutes * 60_000L),
            UsedAt = (long?)null,
            CreatedAt = now,
        });
        await writer.WriteAsync(batch, ct);
        var message = Language.Pick(context, "계정이 확인되었습니다. 새 비밀번호를 입력해주세요.", "Account verified. Please enter a new password.");
        return Envelope.Ok(new VerifyAccountResponse(message, resetToken));
    }

    public static async Task<Ok<ApiResponse<ResetPasswordResponse>>> ResetPassword(
        ResetPasswordRequest request, HttpContext context, UserStore users, FailoverReader reader, DualWriter writer, PasswordHasher hasher,
        RefreshTokens refreshTokens, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Required(request.ResetToken, "resetToken");
        PasswordPolicy.CheckNew(v, request.NewPassword, request.ConfirmPassword);
        v.ThrowIfInvalid();

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var token = await reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<ResetTokenRow>(new CommandDefinition(
            "SELECT id, user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = @hash",
            new { hash = TokenService.HashToken(request.ResetToken!) }, cancellationToken: ct)), ct);
        if (token is null || token.UsedAt is not null || token.ExpiresAt <= now)
        {
            throw AuthErrors.InvalidResetToken();
        }

        var user = await users.FindByIdAsync(token.UserId, ct);
        if (user is null || user.Status == "DELETED")
        {
            throw AuthErrors.InvalidResetToken();
        }

        if (hasher.Verify(request.NewPassword!, user.PasswordHash))
        {
            throw AuthErrors.SamePassword();
        }

        var batch = new WriteBatch()
            .Update("password_reset_tokens", token.Id, new { UsedAt = now })
            .Update("users", user.Id, new
            {
                PasswordHash = hasher.Hash(request.NewPassword!),
                Status = "ACTIVE",
                FailedLoginCount = 0,
                LockedUntil = (long?)null,
                UpdatedAt = now,
            });
        // Whoever knew the old password may hold sessions: every device signs in again.
        await refreshTokens.EndSessionsAsync(batch, user.Id, now, ct);
        await writer.WriteAsync(batch, ct);
        var message = Language.Pick(context, "비밀번호가 성공적으로 변경되었습니다.", "The password was changed.");
        return Envelope.Ok(new ResetPasswordResponse(message, user.LoginId));
    }
}
