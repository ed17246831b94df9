using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace ReadingTracker.Api.Http;

public static class HttpExtensions
{
    private static readonly string[] DefaultOrigins = ["http://localhost:8000", "http://127.0.0.1:8000", "http://localhost:3000"];

    public static IHostApplicationBuilder AddApiHttp(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        });
        // Bind failures must reach the error table in every environment, not only in Development.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails();
        var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() is { Length: > 0 } configured ? configured : DefaultOrigins;
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .AllowCredentials()
            .WithExposedHeaders("Retry-After", "Idempotent-Replayed", "WWW-Authenticate")));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddRequestLimits();
        builder.AddTrustedProxies();
        return builder;
    }

    /// <summary>
    /// The web client's files from wwwroot. "no-cache" makes the browser revalidate each one (an ETag 304 when
    /// unchanged), so a release reaches readers at once instead of after a heuristic freshness period; offline,
    /// the service worker's stored shell answers instead.
    /// </summary>
    public static WebApplication UseWebClient(this WebApplication app)
    {
        // An endpoint, so the static files below leave /sw.js to it. Rendered per request (a hash of ~200 KB,
        // well under a millisecond): a client changed on disk is seen without a restart.
        app.MapGet("/" + ServiceWorkerScript.Path, (IWebHostEnvironment environment, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Text(ServiceWorkerScript.Render(environment.WebRootFileProvider), "text/javascript", Encoding.UTF8);
        }).ExcludeFromDescription();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    /// <summary>After authorization (an anonymous caller gets 401 first), before any handler or idempotency record.</summary>
    public static WebApplication UseEnumNames(this WebApplication app)
    {
        app.UseMiddleware<EnumNamesMiddleware>();
        return app;
    }

    public static WebApplication UseApiHttp(this WebApplication app)
    {
        app.UseTrustedProxies(); // the reader's address behind a load balancer, before anything reads it
        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCors();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api") && !http.Response.HasStarted && http.Response.ContentLength is null)
            {
                var error = http.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => CommonErrors.RouteNotFound(),
                    StatusCodes.Status405MethodNotAllowed => CommonErrors.MethodNotAllowed(),
                    StatusCodes.Status401Unauthorized => CommonErrors.Unauthorized(),
                    StatusCodes.Status403Forbidden => CommonErrors.Forbidden(),
                    _ => new ApiException(http.Response.StatusCode, "HTTP_" + http.Response.StatusCode, new Text("요청을 처리할 수 없습니다.", "The request could not be processed.")),
                };
                await ErrorWriter.WriteAsync(http, error);
            }
        });
        app.UseMiddleware<RequestLimitsMiddleware>();
        return app;
    }
}
