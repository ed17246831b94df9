namespace ReadingTracker.Api.Auth;

/// <summary>
/// Auth and account responses carry tokens, reset answers and personal data: no browser, proxy or
/// service-worker cache may keep them. Set when the response starts, so errors, 401 challenges and
/// 429s get it too.
/// </summary>
public static class AuthNoStore
{
    public static WebApplication UseAuthNoStore(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/api/v1/users"))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
