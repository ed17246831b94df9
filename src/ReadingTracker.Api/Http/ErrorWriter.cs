using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Http;

/// <summary>Writes an error as the API v1 error envelope (application/json, never problem+json).</summary>
public static class ErrorWriter
{
    /// <summary>The exception as <see cref="ErrorTable"/> maps it.</summary>
    public static Task WriteAsync(HttpContext context, Exception error) => WriteAsync(context, ErrorTable.Map(error, context));

    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(new ApiErrorResponse(false, error.Body), json));
    }
}
