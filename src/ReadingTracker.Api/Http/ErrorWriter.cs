using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Http;

/// <summary>Writes an <see cref="ApiException"/> as the API v1 error envelope (application/json, never problem+json).</summary>
public static class ErrorWriter
{
    public static async Task WriteAsync(HttpContext context, ApiException error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        error.AddHeaders(response.Headers);
        var fields = error.Fields?.Select(f => new ApiFieldError(f.Name, Language.Pick(context, f.Reason))).ToList();
        var body = new ApiErrorResponse(false, new ApiErrorBody(error.Code, Language.Pick(context, error.Text), fields));
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(body, json));
    }
}
