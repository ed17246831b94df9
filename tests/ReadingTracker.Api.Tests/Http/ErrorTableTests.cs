using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tests.Http;

public sealed class ErrorTableTests
{
    [Fact]
    public void MastersUnavailable_Is503_WithRetryAfter_AndAFault()
    {
        var error = ErrorTable.Map(new DatabaseUnavailableException(7), Context());

        Assert.Equal(new ApiError(ErrorKind.Fault, 503, 7, error.Body), error);
        Assert.Equal("DATABASE_TEMPORARY_UNAVAILABLE", error.Body.Code);
        Assert.Equal("데이터베이스에 일시적으로 접근할 수 없습니다. 잠시 후 다시 시도해주세요.", error.Body.Message);
    }

    [Fact]
    public void AUniqueKeyNoHandlerCaught_Is409Conflict_AndAFault()
    {
        var error = ErrorTable.Map(new UniqueViolationException(new InvalidOperationException("duplicate")), Context());

        Assert.Equal((ErrorKind.Fault, 409, "CONFLICT"), (error.Kind, error.Status, error.Body.Code));
    }

    [Fact]
    public void AnApiException_KeepsItsStatusCodeFieldsAndRetryAfter_InTheClientsLanguage()
    {
        var refused = new ApiException(429, "SLOW_DOWN", new Text("천천히", "Slow down."), [new FieldText("memos", new Text("너무 많음", "Too many."))], retryAfterSeconds: 3);

        var error = ErrorTable.Map(refused, Context("en-US,en;q=0.9"));

        Assert.Equal((ErrorKind.Refused, 429, 3), (error.Kind, error.Status, error.RetryAfterSeconds));
        Assert.Equal(("SLOW_DOWN", "Slow down."), (error.Body.Code, error.Body.Message));
        Assert.Equal([new ApiFieldError("memos", "Too many.")], error.Body.Fields!);
    }

    [Fact]
    public void MalformedJson_IsValidationFailed_NamingTheProperty()
    {
        var bad = new BadHttpRequestException("Failed to read parameter", new JsonException("bad", "$.pageNumber", 1, 14));

        var error = ErrorTable.Map(bad, Context("en"));

        Assert.Equal((ErrorKind.Refused, 400, "VALIDATION_FAILED"), (error.Kind, error.Status, error.Body.Code));
        Assert.Equal("pageNumber", Assert.Single(error.Body.Fields!).Name);
    }

    [Fact]
    public void ABodyOverTheLimit_Is413()
    {
        var error = ErrorTable.Map(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), Context());

        Assert.Equal((ErrorKind.Refused, 413, "PAYLOAD_TOO_LARGE"), (error.Kind, error.Status, error.Body.Code));
    }

    [Fact]
    public void AnythingElse_Is500_AndUnexpected()
    {
        var error = ErrorTable.Map(new InvalidOperationException("bug"), Context("en"));

        Assert.Equal((ErrorKind.Unexpected, 500, "INTERNAL_SERVER_ERROR", (int?)null), (error.Kind, error.Status, error.Body.Code, error.RetryAfterSeconds));
    }

    [Fact]
    public async Task TheWriter_SendsStatusRetryAfterAndTheEnvelope_WithoutFieldsWhenThereAreNone()
    {
        var context = Context("en");
        context.RequestServices = new ServiceCollection().AddOptions().BuildServiceProvider();
        context.Response.Body = new MemoryStream();

        await ErrorWriter.WriteAsync(context, new DatabaseUnavailableException(5));

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(
            """{"ok":false,"error":{"code":"DATABASE_TEMPORARY_UNAVAILABLE","message":"The database is temporarily unavailable. Please retry shortly."}}""",
            Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    private static DefaultHttpContext Context(string? acceptLanguage = null)
    {
        var context = new DefaultHttpContext();
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        return context;
    }
}
