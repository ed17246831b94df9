using System.Text.Json.Serialization;

namespace ReadingTracker.Api.Http;

/// <summary>The API v1 success envelope of the earlier system: {ok:true, data}.</summary>
public sealed record ApiResponse<T>(bool Ok, T Data);

/// <summary>The API v1 error envelope: {ok:false, error:{code, message, fields?}}.</summary>
public sealed record ApiErrorResponse(bool Ok, ApiErrorBody Error);

public sealed record ApiErrorBody(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiFieldError>? Fields);

public sealed record ApiFieldError(string Name, string Reason);

/// <summary>A success payload that is only a user-readable message.</summary>
public sealed record MessageResponse(string Message);

/// <summary>Typed 200 results in the envelope, so OpenAPI and tests see the payload type.</summary>
public static class Envelope
{
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<ApiResponse<T>> Ok<T>(T data) => TypedResults.Ok(new ApiResponse<T>(true, data));

    /// <summary>A localized message as the success payload (Korean unless the client prefers English).</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Ok<ApiResponse<MessageResponse>> Message(HttpContext context, string korean, string english) =>
        Ok(new MessageResponse(Language.Pick(context, korean, english)));
}
