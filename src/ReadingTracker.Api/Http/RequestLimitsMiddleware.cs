using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Http;

/// <summary>
/// The first check of every request: headers, request line and body against <see cref="RequestLimitsOptions"/>,
/// answered 431, 414 and 413 in the envelope. A declared Content-Length over the limit is refused before reading;
/// a chunked body is counted as it is read and refused the moment it passes the limit, whoever reads it (the JSON
/// binder or the idempotency fingerprint).
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        var request = context.Request;
        if (request.Headers.Count > limits.MaxRequestHeaderCount || HeaderBytes(request.Headers) > limits.MaxRequestHeadersBytes)
        {
            throw RequestLimits.HeadersTooLarge();
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        if (request.Method.Length + target.Length + request.Protocol.Length + 2 > limits.MaxRequestLineBytes)
        {
            throw RequestLimits.UriTooLong();
        }

        var max = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? limits.MaxRequestBodyBytes;
        if (request.ContentLength > max)
        {
            throw RequestLimits.BodyTooLarge();
        }

        var limited = new LimitedReadStream(request.Body, max);
        request.Body = limited;
        try
        {
            await next(context);
        }
        catch (Exception) when (limited.Exceeded && !context.Response.HasStarted)
        {
            // Whatever the reader made of the cut-off body (an IOException, a JSON error), the cause is its size.
            throw RequestLimits.BodyTooLarge();
        }

        if (limited.Exceeded && !context.Response.HasStarted)
        {
            // A reader that swallowed the failure (the framework's binder logs an IOException and gives up).
            context.Response.Clear();
            throw RequestLimits.BodyTooLarge();
        }
    }

    /// <summary>Bytes as Kestrel counts them: name, value, ": " and CRLF per line.</summary>
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }
}
