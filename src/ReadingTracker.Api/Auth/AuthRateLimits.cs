using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Auth;

/// <summary>Login attempts per client address: a fixed window, answered with 429 and Retry-After.</summary>
public static class AuthRateLimits
{
    public const string LoginPolicy = "login";

    public static IHostApplicationBuilder AddAuthRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginPolicy, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginPermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ErrorWriter.WriteAsync(context.HttpContext, new ApiException(StatusCodes.Status429TooManyRequests, "TOO_MANY_LOGIN_ATTEMPTS",
                    new Text("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해주세요.", "Too many login attempts. Please wait a minute.")));
            };
        });
        return builder;
    }
}
