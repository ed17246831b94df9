using System.Text.Json;
using System.Text.RegularExpressions;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Http;

/// <summary>Where an error comes from, which decides who may keep its answer.</summary>
public enum ErrorKind
{
    /// <summary>The request was refused on purpose (an <see cref="ApiException"/>, a request the framework could not bind).</summary>
    Refused,

    /// <summary>A fault met on the way (the masters unavailable, a concurrent write that took a unique key first): a retry may be answered differently.</summary>
    Fault,

    /// <summary>An exception nothing expected: 500, logged by the exception handler.</summary>
    Unexpected,
}

/// <summary>An error as the client receives it: the status, the seconds for Retry-After, and the envelope's error body in the request's language.</summary>
public sealed record ApiError(ErrorKind Kind, int Status, int? RetryAfterSeconds, ApiErrorBody Body);

/// <summary>
/// The one error table, used wherever an exception becomes an answer (the exception handler, the idempotency
/// middleware, the memo batch's per-item results): <see cref="ApiException"/> → its status and code; a request
/// the framework could not bind (malformed JSON, bad enum, missing query parameter) → 400 VALIDATION_FAILED
/// with the field, or 413 for a body over the limit; the masters unavailable → 503 with Retry-After; a
/// unique-key conflict no handler caught → 409 CONFLICT; anything else → 500.
/// </summary>
public static partial class ErrorTable
{
    public static ApiError Map(Exception exception, HttpContext context)
    {
        var (kind, error) = exception switch
        {
            ApiException api => (ErrorKind.Refused, api),
            BadHttpRequestException bad => (ErrorKind.Refused, FromBadRequest(bad)),
            DatabaseUnavailableException down => (ErrorKind.Fault, CommonErrors.DatabaseUnavailable(down.RetryAfterSeconds)),
            UniqueViolationException => (ErrorKind.Fault, CommonErrors.Conflict()),
            _ => (ErrorKind.Unexpected, CommonErrors.Internal()),
        };
        var fields = error.Fields?.Select(f => new ApiFieldError(f.Name, Language.Pick(context, f.Reason))).ToList();
        return new ApiError(kind, error.Status, error.RetryAfterSeconds, new ApiErrorBody(error.Code, Language.Pick(context, error.Text), fields));
    }

    private static ApiException FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestLimits.BodyTooLarge();
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
}
