using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Quota;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Account;

public sealed record UpdateMeRequest(string? Name, string? Email, string? TimeZone);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

/// <summary>The signed-in user's profile, password and devices.</summary>
public static class UsersApi
{
    // Users' services (UserStore, PasswordHasher, RefreshTokens) are the ones authentication needs, registered by AddAuth.
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/v1/users/me").WithTags("Users").RequireAuthorization().WithWriteQuota().WithErrorResponses();
        me.MapGet("", GetMe);
        me.MapPut("", UpdateMe).ProducesErrors(409);
        me.MapPost("/password", ChangePassword);
        me.MapGet("/devices", DevicesApi.ListDevices);
        me.MapDelete("/devices/{deviceId}", DevicesApi.RevokeDevice).ProducesErrors(404);
        return routes;
    }

    public static Ok<ApiResponse<UserResponse>> GetMe(CurrentUser user) => Envelope.Ok(UserResponse.From(user.Row));

    public static async Task<Ok<ApiResponse<UserResponse>>> UpdateMe(
        UpdateMeRequest request, CurrentUser user, UserStore users, DualWriter writer, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator();
        UserFields.CheckName(v, request.Name);
        UserFields.CheckEmail(v, request.Email);
        UserFields.CheckTimeZone(v, request.TimeZone);
        v.ThrowIfInvalid();

        var row = user.Row;
        var updated = UserResponse.From(row) with
        {
            Name = request.Name?.Trim() ?? row.Name,
            Email = request.Email is { } email ? UserFields.NormalizeEmail(email) : row.Email,
            TimeZone = request.TimeZone ?? row.TimeZone,
        };
        if (updated == UserResponse.From(row))
        {
            return Envelope.Ok(updated);
        }

        if (updated.Email != row.Email && await users.FindByEmailAsync(updated.Email, ct) is not null)
        {
            throw AuthErrors.DuplicateEmail();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await writer.WriteAsync(new WriteBatch().Add(UsersTable.UpdateProfile(row.Id, updated.Name, updated.Email, updated.TimeZone, now)), ct);
        }
        catch (UniqueViolationException)
        {
            // Another account took the address between the check and the write.
            throw AuthErrors.DuplicateEmail();
        }

        return Envelope.Ok(updated);
    }

    public static async Task<Ok<ApiResponse<MessageResponse>>> ChangePassword(
        ChangePasswordRequest request, CurrentUser user, HttpContext context, PasswordHasher hasher, RefreshTokens refreshTokens,
        DualWriter writer, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Required(request.CurrentPassword, "currentPassword");
        PasswordPolicy.CheckNew(v, request.NewPassword, request.ConfirmPassword);
        v.ThrowIfInvalid();

        if (!hasher.Verify(request.CurrentPassword!, user.Row.PasswordHash))
        {
            throw UsersErrors.WrongCurrentPassword();
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            throw AuthErrors.SamePassword();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch().Add(UsersTable.ChangePassword(user.Id, hasher.Hash(request.NewPassword!), now));
        // Other devices signed in with the old password must sign in again, and their access tokens stop
        // at once; this device proved the password and keeps its session and tokens.
        await refreshTokens.EndSessionsAsync(batch, user.Id, now, ct, exceptDeviceId: user.DeviceId);
        await writer.WriteAsync(batch, ct);
        return Envelope.Message(context, "비밀번호가 변경되었습니다.", "The password was changed.");
    }
}
