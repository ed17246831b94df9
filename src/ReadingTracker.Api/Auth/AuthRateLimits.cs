using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Auth;

/// <summary>
/// Attempts per client address, a fixed window each, answered with 429 and Retry-After: login and
/// account recovery share one budget; signup (a slow password hash each, so a flood of them starves
/// every other request) has its own, and so do the duplicate checks, which the sign-up form sends as
/// the user types.
/// </summary>
public static class AuthRateLimits
{
    public const string LoginPolicy = "login";
    public const string SignupPolicy = "signup";
    public const string DuplicateCheckPolicy = "duplicate-check";

    public static IHostApplicationBuilder AddAuthRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginPolicy, context => PerAddress(context, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginPermitsPerMinute));
            o.AddPolicy(SignupPolicy, context => PerAddress(context, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignupPermitsPerMinute));
            o.AddPolicy(DuplicateCheckPolicy, context => PerAddress(context, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.DuplicateCheckPermitsPerMinute));
            o.OnRejected = async (context, _) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                await ErrorWriter.WriteAsync(context.HttpContext, policy switch
                {
                    SignupPolicy => TooMany("TOO_MANY_SIGNUPS",
                        new Text("가입 요청이 너무 많습니다. 잠시 후 다시 시도해주세요.", "Too many sign-ups from here. Please wait a minute.")),
                    DuplicateCheckPolicy => TooMany("TOO_MANY_DUPLICATE_CHECKS",
                        new Text("중복 확인 요청이 너무 많습니다. 잠시 후 다시 시도해주세요.", "Too many availability checks. Please wait a minute.")),
                    _ => TooMany("TOO_MANY_LOGIN_ATTEMPTS",
                        new Text("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해주세요.", "Too many login attempts. Please wait a minute.")),
                });
            };
        });
        return builder;
    }

    /// <summary>429 with Retry-After: each window is a minute.</summary>
    private static ApiException TooMany(string code, Text message) =>
        new(StatusCodes.Status429TooManyRequests, code, message, retryAfterSeconds: 60);

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
