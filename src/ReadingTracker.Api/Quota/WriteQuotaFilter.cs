using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Quota;

/// <summary>A request body that stores several rows at once (a memo batch): it says how many it asks for.</summary>
public interface IWriteRowCount
{
    int WriteRowCount { get; }
}

/// <summary>
/// The one place rows are counted against <see cref="WriteQuota"/>: every write endpoint of a user's reading
/// data, after binding (so a batch is counted by its items) and before the handler, so a refused request
/// stores nothing. Each request counts one row, a batch its items — the rows a reader asked for, not the
/// link rows (tags) that go with them. An idempotent replay never gets here and costs nothing.
/// </summary>
public sealed class WriteQuotaFilter(WriteQuota quota, QuotaMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.Items[CurrentUser.ItemKey] is CurrentUser user)
        {
            var rows = Math.Max(1, context.Arguments.OfType<IWriteRowCount>().Sum(a => a.WriteRowCount));
            if (quota.TryCharge(user.Id, rows) is { } wait)
            {
                metrics.Refusals.Add(1);
                throw new WriteQuotaExceededException((int)Math.Ceiling(wait.TotalSeconds));
            }
        }

        return await next(context);
    }
}

/// <summary>429 with Retry-After: the seconds until the rows asked for fit in the last minute's quota.</summary>
public sealed class WriteQuotaExceededException(int retryAfterSeconds)
    : ApiException(StatusCodes.Status429TooManyRequests, "WRITE_QUOTA_EXCEEDED",
        new Text("짧은 시간에 너무 많이 저장했습니다. 잠시 후 다시 시도해주세요.", "Too many writes in the last minute. Please retry shortly."),
        retryAfterSeconds: retryAfterSeconds);
