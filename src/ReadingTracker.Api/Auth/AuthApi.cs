using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Idempotency;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

public sealed record SignupRequest(string? LoginId, string? Email, string? Name, string? Password, string? TimeZone);

public sealed record LoginRequest(string? LoginId, string? Password, string? DeviceId, string? DeviceName, string? Platform);

public sealed record LoginResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, string DeviceId, UserResponse User);

public static partial class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        // Duplicate checks and signup reveal and create accounts: throttled per client address like login.
        var duplicates = routes.MapGroup("/api/v1/users/duplicate").WithTags("Auth").AllowAnonymous()
            .RequireRateLimiting(AuthRateLimits.DuplicateCheckPolicy).WithErrorResponses();
        duplicates.MapGet("/loginId", IsLoginIdTaken);
        duplicates.MapGet("/email", IsEmailTaken);

        // Outside the idempotency store: these answers hold tokens, which must never be stored to be replayed.
        var group = routes.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous().WithoutIdempotency().WithErrorResponses();
        group.MapPost("/signup", Signup).RequireRateLimiting(AuthRateLimits.SignupPolicy).ProducesErrors(409);
        // 401 for a wrong login id or password, 403 for a locked or deleted account; refresh likewise for its token.
        group.MapPost("/login", Login).RequireRateLimiting(AuthRateLimits.LoginPolicy).ProducesErrors(401, 403);
        group.MapPost("/refresh", SessionsApi.Refresh).ProducesErrors(401, 403);
        // Account recovery answers "does this account exist": throttled like login.
        group.MapPost("/find-login-id", AccountRecoveryApi.FindLoginId).RequireRateLimiting(AuthRateLimits.LoginPolicy);
        group.MapPost("/verify-account", AccountRecoveryApi.VerifyAccount).RequireRateLimiting(AuthRateLimits.LoginPolicy);
        group.MapPost("/reset-password", AccountRecoveryApi.ResetPassword).RequireRateLimiting(AuthRateLimits.LoginPolicy);

        var session = routes.MapGroup("/api/v1/auth").WithTags("Auth").RequireAuthorization().WithoutIdempotency().WithErrorResponses();
        session.MapPost("/logout", SessionsApi.Logout);
        return group;
    }

    public static async Task<Ok<ApiResponse<bool>>> IsLoginIdTaken(string value, UserStore users, CancellationToken ct) =>
        Envelope.Ok(await users.FindByLoginIdAsync(value, ct) is not null);

    public static async Task<Ok<ApiResponse<bool>>> IsEmailTaken(string value, UserStore users, CancellationToken ct) =>
        Envelope.Ok(await users.FindByEmailAsync(NormalizeEmail(value), ct) is not null);

    public static async Task<Ok<ApiResponse<UserResponse>>> Signup(
        SignupRequest request, UserStore users, DualWriter writer, IdGenerator ids, PasswordHasher hasher,
        IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator()
            .Required(request.LoginId, "loginId").Required(request.Email, "email")
            .Required(request.Name, "name").Required(request.Password, "password");
        if (request.LoginId is { } loginId && !LoginIdPattern().IsMatch(loginId))
        {
            v.Add("loginId", "로그인 ID는 영문, 숫자, 밑줄로 3~20자입니다.", "3 to 20 letters, digits or underscores.");
        }

        UserFields.CheckEmail(v, request.Email);
        UserFields.CheckName(v, request.Name);
        var timeZone = request.TimeZone ?? options.Value.DefaultTimeZone;
        UserFields.CheckTimeZone(v, timeZone);
        PasswordPolicy.Check(v, request.Password, "password");
        v.ThrowIfInvalid();

        var normalizedEmail = NormalizeEmail(request.Email!);
        if (await users.FindByLoginIdAsync(request.LoginId!, ct) is not null)
        {
            throw AuthErrors.DuplicateLoginId();
        }

        if (await users.FindByEmailAsync(normalizedEmail, ct) is not null)
        {
            throw AuthErrors.DuplicateEmail();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var user = new UserRow
        {
            Id = ids.NextId(),
            LoginId = request.LoginId!,
            Email = normalizedEmail,
            Name = request.Name!.Trim(),
            PasswordHash = hasher.Hash(request.Password!),
            Role = "USER",
            Status = "ACTIVE",
            TimeZone = timeZone,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await writer.WriteAsync(new WriteBatch().Add(UsersTable.Insert(user)), ct);
        }
        catch (UniqueViolationException)
        {
            // Lost a race with a concurrent signup for the same id or email.
            throw await users.FindByLoginIdAsync(user.LoginId, ct) is not null ? AuthErrors.DuplicateLoginId() : AuthErrors.DuplicateEmail();
        }

        return Envelope.Ok(UserResponse.From(user));
    }

    public static async Task<Ok<ApiResponse<LoginResponse>>> Login(
        LoginRequest request, UserStore users, DualWriter writer, PasswordHasher hasher, SessionIssuer sessions,
        IOptions<AuthOptions> options, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Required(request.LoginId, "loginId").Required(request.Password, "password");
        var device = Devices.Describe(v, request.DeviceId, request.DeviceName, request.Platform);
        v.ThrowIfInvalid();

        var user = await users.FindByLoginIdAsync(request.LoginId!, ct);
        if (user is null)
        {
            hasher.VerifyAgainstNothing(request.Password!);
            throw AuthErrors.UserNotFound();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var settings = options.Value;
        if (user.Status == "DELETED")
        {
            throw AuthErrors.AccountDeleted();
        }

        if (user.Status == "LOCKED" && user.LockedUntil is { } until && until > now)
        {
            throw AuthErrors.AccountLocked((int)Math.Ceiling((until - now) / 60_000.0));
        }

        if (!hasher.Verify(request.Password!, user.PasswordHash))
        {
            throw await CountFailureAsync(user, users, writer, settings, now, ct);
        }

        var batch = new WriteBatch().Add(UsersTable.SignedIn(user.Id, now));
        var pair = await sessions.IssueAsync(batch, user, device, ct);
        await writer.WriteAsync(batch, ct);
        return Envelope.Ok(new LoginResponse(pair.AccessToken, pair.RefreshToken, pair.TokenType, pair.ExpiresIn, pair.DeviceId, UserResponse.From(user)));
    }

    /// <summary>
    /// Counts a wrong password with an increment each master computes (failed = failed + 1), so guesses
    /// sent at once all count; then reads the count it produced (a concurrent guess may have raised it
    /// further) and locks the account when it reached the limit.
    /// </summary>
    private static async Task<ApiException> CountFailureAsync(
        UserRow user, UserStore users, DualWriter writer, AuthOptions settings, long now, CancellationToken ct)
    {
        var batch = new WriteBatch();
        if (user.Status == "LOCKED")
        {
            // A lock whose time has passed is lifted and the count starts again from zero — once: of guesses sent
            // at once, only the first finds the lock it saw, and the others' increments count on top of it.
            batch.Add(UsersTable.LiftLapsedLock(user.Id, user.LockedUntil, now));
        }

        await writer.WriteAsync(batch.Add(UsersTable.CountFailedLogin(user.Id)), ct);
        var failures = (await users.FindByIdAsync(user.Id, ct))?.FailedLoginCount ?? settings.MaxFailedLogins;
        if (failures < settings.MaxFailedLogins)
        {
            return AuthErrors.InvalidPassword(settings.MaxFailedLogins - failures);
        }

        await writer.WriteAsync(new WriteBatch().Add(UsersTable.Lock(user.Id, now + (settings.LockoutMinutes * 60_000L), now)), ct);
        return AuthErrors.AccountLocked(settings.LockoutMinutes);
    }

    internal static string NormalizeEmail(string email) => UserFields.NormalizeEmail(email);

    [GeneratedRegex("^[A-Za-z0-9_]{3,20}$")]
    private static partial Regex LoginIdPattern();
}
