using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Http;

/// <summary>
/// The one error table: <see cref="ApiException"/> → its status and code; a request the framework could
/// not bind (malformed JSON, bad enum, missing query parameter) → 400 VALIDATION_FAILED with the field;
/// an unhandled unique-key conflict → 409 CONFLICT; anything else → 500, logged.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            ApiException api => api,
            BadHttpRequestException bad => FromBadRequest(bad),
            UniqueViolationException => new ApiException(StatusCodes.Status409Conflict, "CONFLICT",
                new Text("이미 존재하는 데이터와 충돌합니다.", "The request conflicts with existing data.")),
            _ => null,
        };
        if (error is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            error = CommonErrors.Internal();
        }

        await ErrorWriter.WriteAsync(httpContext, error);
        return true;
    }

    internal static ApiException FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ApiException(413, "PAYLOAD_TOO_LARGE", new Text("요청 본문이 너무 큽니다.", "The request body is too large."));
        }

        var (field, reason) = bad.InnerException switch
        {
            JsonException json => (JsonField(json.Path), new Text("형식이 올바르지 않습니다.", "Malformed JSON or a value of the wrong type.")),
            _ => (ParameterName(bad.Message), bad.Message.Contains("not provided", StringComparison.Ordinal)
                ? new Text("필수 입력 항목입니다.", "This parameter is required.")
                : new Text("값이 올바르지 않습니다.", "The value is not valid.")),
        };
        return new ValidationException([new FieldText(field, reason)]);
    }

    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string ParameterName(string message)
    {
        // "Failed to bind parameter \"BookCategory category\" from \"x\"." / "Required parameter \"int year\" was not provided ..."
        var match = ParameterPattern().Match(message);
        return match.Success ? match.Groups["name"].Value : "request";
    }

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterPattern();

    [LoggerMessage(EventId = 9001, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
