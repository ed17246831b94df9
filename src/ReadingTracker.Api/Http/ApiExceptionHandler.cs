using Microsoft.AspNetCore.Diagnostics;

namespace ReadingTracker.Api.Http;

/// <summary>Every exception a request ends with, answered in the envelope as <see cref="ErrorTable"/> maps it; one nothing expected is logged.</summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = ErrorTable.Map(exception, httpContext);
        if (error.Kind == ErrorKind.Unexpected)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        await ErrorWriter.WriteAsync(httpContext, error);
        return true;
    }

    [LoggerMessage(EventId = 9001, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
