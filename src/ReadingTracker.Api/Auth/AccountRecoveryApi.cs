using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

public sealed record FindLoginIdRequest(string? Email, string? Name);

public sealed record VerifyAccountRequest(string? LoginId, string? Email);

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
/// Account recovery by mail only: the answer never holds a secret or tells whether an account exists.
/// find-login-id mails the login id, verify-account mails a one-time reset link, both to the address
/// the account has on file; without mail configured nothing is sent and the operator prints a link
/// ("users reset-link"). A locked account may recover (a reset lifts the lock); a deleted one may not.
/// </summary>
public static partial class AccountRecoveryApi
{
    public static async Task<Ok<ApiResponse<MessageResponse>>> FindLoginId(
        FindLoginIdRequest request, HttpContext context, UserStore users, RecoveryMail mail, ILogger<RecoveryMail> logger, CancellationToken ct)
    {
        new Validator().Required(request.Email, "email").Required(request.Name, "name").ThrowIfInvalid();
        var user = await users.FindByEmailAsync(UserFields.NormalizeEmail(request.Email!), ct);
        if (user is not null && user.Status != "DELETED" && user.Name == request.Name!.Trim())
        {
            if (mail.CanSend)
            {
                mail.SendLoginId(user, Language.PrefersEnglish(context));
            }
            else
            {
                LogNoMail(logger, "find-login-id");
            }
        }

        return Envelope.Message(context,
            "입력하신 정보와 일치하는 계정이 있으면 그 계정의 이메일로 아이디를 보냈습니다. 메일함을 확인해주세요.",
            "If these details match an account, its login id is on its way to the account's email address. Please check your mail.");
    }

    public static async Task<Ok<ApiResponse<MessageResponse>>> VerifyAccount(
        VerifyAccountRequest request, HttpContext context, UserStore users, ResetLinks links, RecoveryMail mail, ILogger<RecoveryMail> logger,
        CancellationToken ct)
    {
        new Validator().Required(request.LoginId, "loginId").Required(request.Email, "email").ThrowIfInvalid();
        var user = await users.FindByLoginIdAsync(request.LoginId!, ct);
        if (user is not null && user.Status != "DELETED" && user.Email == UserFields.NormalizeEmail(request.Email!))
        {
            if (mail.CanSend)
            {
                mail.SendResetLink(user, await links.CreateAsync(user.Id, ct), links.LifetimeMinutes, Language.PrefersEnglish(context));
            }
            else
            {
                // Nobody could receive a link: none is made. The operator prints one on request.
                LogNoMail(logger, "verify-account");
            }
        }

        return Envelope.Message(context,
            "입력하신 정보와 일치하는 계정이 있으면 그 계정의 이메일로 비밀번호 재설정 링크를 보냈습니다. 메일함을 확인해주세요.",
            "If these details match an account, a link to reset its password is on its way to the account's email address. Please check your mail.");
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
            .Add(PasswordResetTokensTable.Use(token.Id, now))
            .Add(UsersTable.ResetPassword(user.Id, hasher.Hash(request.NewPassword!), now));
        // Whoever knew the old password may hold sessions: every device signs in again.
        await refreshTokens.EndSessionsAsync(batch, user.Id, now, ct);
        await writer.WriteAsync(batch, ct);
        var message = Language.Pick(context, "비밀번호가 성공적으로 변경되었습니다.", "The password was changed.");
        return Envelope.Ok(new ResetPasswordResponse(message, user.LoginId));
    }

    [LoggerMessage(EventId = 7010, EventName = "RecoveryMailUnavailable", Level = LogLevel.Warning,
        Message = "Account recovery ({Step}) for an existing account, but no mail is configured (Email:Smtp:Host or Email:PickupDirectory); the operator can print a reset link with: users reset-link --login-id")]
    private static partial void LogNoMail(ILogger logger, string step);
}
