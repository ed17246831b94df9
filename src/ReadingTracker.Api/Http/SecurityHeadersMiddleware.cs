namespace ReadingTracker.Api.Http;

/// <summary>Origins besides the app's own that the web client may show images from; a feature that shows outside images registers one.</summary>
public interface IImageOrigins
{
    IReadOnlyList<string> Origins { get; }
}

/// <summary>
/// Security headers on every response; the CSP admits no inline script, and images only from the app
/// itself and the registered <see cref="IImageOrigins"/> (the book providers' cover hosts; the client draws
/// its own placeholder, so no data: images).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IEnumerable<IImageOrigins> images)
{
    private readonly string _contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; " +
        $"img-src {string.Join(' ', ["'self'", .. images.SelectMany(i => i.Origins)])}; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; " +
        "form-action 'self'; manifest-src 'self'; worker-src 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // The API browser (/swagger) ships its own inline bootstrap script.
            if (!context.Request.Path.StartsWithSegments("/swagger"))
            {
                headers.ContentSecurityPolicy = _contentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
