namespace ReadingTracker.Api.Http;

/// <summary>A text in both languages of the UI; the response picks one by Accept-Language.</summary>
public sealed record Text(string Korean, string English);

/// <summary>
/// An expected failure with its status and one error code per cause. Features declare theirs in a
/// static XxxErrors class; <see cref="ErrorTable"/> turns them into the envelope. A failure the client
/// should retry later names the seconds to wait, sent as Retry-After.
/// </summary>
public class ApiException(int status, string code, Text message, IReadOnlyList<FieldText>? fields = null, int? retryAfterSeconds = null)
    : Exception(message.English)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public Text Text { get; } = message;

    public IReadOnlyList<FieldText>? Fields { get; } = fields;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;
}

public sealed record FieldText(string Name, Text Reason);

public sealed class ValidationException(IReadOnlyList<FieldText> fields)
    : ApiException(StatusCodes.Status400BadRequest, "VALIDATION_FAILED", new Text("입력값이 올바르지 않습니다.", "The input is not valid."), fields);

/// <summary>Errors shared by every feature.</summary>
public static class CommonErrors
{
    public static ApiException NotFound(string code, string korean, string english) =>
        new(StatusCodes.Status404NotFound, code, new Text(korean, english));

    public static ApiException Unauthorized() =>
        new(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", new Text("로그인이 필요합니다.", "Authentication is required."));

    public static ApiException Forbidden() =>
        new(StatusCodes.Status403Forbidden, "FORBIDDEN", new Text("권한이 없습니다.", "You are not allowed to do this."));

    public static ApiException RouteNotFound() =>
        new(StatusCodes.Status404NotFound, "NOT_FOUND", new Text("요청한 경로를 찾을 수 없습니다.", "No such endpoint."));

    public static ApiException MethodNotAllowed() =>
        new(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", new Text("허용되지 않은 메서드입니다.", "Method not allowed."));

    public static ApiException DatabaseUnavailable(int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable, "DATABASE_TEMPORARY_UNAVAILABLE",
            new Text("데이터베이스에 일시적으로 접근할 수 없습니다. 잠시 후 다시 시도해주세요.", "The database is temporarily unavailable. Please retry shortly."),
            retryAfterSeconds: retryAfterSeconds);

    /// <summary>A unique key a handler did not expect to meet (a concurrent write got there first).</summary>
    public static ApiException Conflict() =>
        new(StatusCodes.Status409Conflict, "CONFLICT", new Text("이미 존재하는 데이터와 충돌합니다.", "The request conflicts with existing data."));

    public static ApiException Internal() =>
        new(StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", new Text("서버 내부 오류가 발생했습니다.", "Internal server error."));
}
