using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

public static class AuthExtensions
{
    private const string AuthErrorKey = "rt.auth-error";

    public static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<JwtOptions>("Jwt");
        builder.Services.AddValidatedOptions<AuthOptions>("Auth");
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<SessionIssuer>();
        builder.Services.AddSingleton<RefreshTokens>();
        builder.Services.AddSingleton<ResetLinks>();
        builder.Services.AddSingleton<RecoveryMail>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = tokens.ValidationParameters();
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = LoadSigningKeyAsync,
                    OnTokenValidated = LoadCurrentUserAsync,
                    OnChallenge = WriteChallengeAsync,
                    OnForbidden = context => ErrorWriter.WriteAsync(context.HttpContext, CommonErrors.Forbidden()),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("admin", p => p.RequireAuthenticatedUser().RequireAssertion(
                c => c.Resource is HttpContext http && http.Items[CurrentUser.ItemKey] is CurrentUser { IsAdmin: true }));
        return builder;
    }

    /// <summary>
    /// A token signed by a key another instance made (a rotation) names a kid this instance has not loaded yet: load
    /// it before the token is verified. No database to read the keys from is 503, as for the user lookup, not 401.
    /// </summary>
    private static async Task LoadSigningKeyAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string? kid;
        try
        {
            kid = new JsonWebToken(header["Bearer ".Length..].Trim()).Kid;
        }
        catch (ArgumentException)
        {
            return; // Not a JWT at all: the handler rejects it.
        }

        try
        {
            await context.HttpContext.RequestServices.GetRequiredService<SigningKeys>().EnsureKnownAsync(kid, context.HttpContext.RequestAborted);
        }
        catch (DatabaseUnavailableException ex)
        {
            context.HttpContext.Items[AuthErrorKey] = ex;
            context.Fail(ex);
        }
    }

    /// <summary>
    /// Only access tokens of an ACTIVE (or locked-out) user issued in the device's current session
    /// authenticate: logout, device removal, token theft, a password change or reset end the session,
    /// a new login replaces it, and its access tokens stop working at once rather than at expiry. The
    /// session is checked in the same query that loads the user. The user is read through the failover
    /// reader, so authentication keeps working while Primary is down; with both masters down the
    /// request gets 503, not 401.
    /// </summary>
    private static async Task LoadCurrentUserAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (principal.FindFirst(TokenService.TypeClaim)?.Value != TokenService.AccessType
            || !long.TryParse(principal.FindFirst("sub")?.Value, out var userId))
        {
            context.Fail("Not an access token.");
            return;
        }

        try
        {
            var deviceId = principal.FindFirst(TokenService.DeviceClaim)?.Value ?? "";
            var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
            var session = await users.FindSessionAsync(userId, deviceId, context.HttpContext.RequestAborted);
            if (session is not { User.Status: "ACTIVE" or "LOCKED" } found)
            {
                context.Fail("Unknown or deleted user.");
                return;
            }

            if (found.Device is not { DeviceRevokedAt: null, DeviceSessionId: { } current }
                || principal.FindFirst(TokenService.SessionClaim)?.Value != current)
            {
                context.Fail("The session of this token has ended.");
                return;
            }

            context.HttpContext.Items[CurrentUser.ItemKey] = new CurrentUser(found.User, deviceId);
        }
        catch (DatabaseUnavailableException ex)
        {
            context.HttpContext.Items[AuthErrorKey] = ex;
            context.Fail(ex);
        }
    }

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.HttpContext.Items[AuthErrorKey] is DatabaseUnavailableException databaseDown)
        {
            await ErrorWriter.WriteAsync(context.HttpContext, databaseDown);
            return;
        }

        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        var error = context.AuthenticateFailure is null
            ? CommonErrors.Unauthorized()
            : new ApiException(StatusCodes.Status401Unauthorized, "INVALID_TOKEN",
                new Text("인증 토큰이 유효하지 않거나 만료되었습니다.", "The access token is invalid or expired."));
        await ErrorWriter.WriteAsync(context.HttpContext, error);
    }

    public static WebApplication UseAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
