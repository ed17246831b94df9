using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Http;

/// <summary>Bound from "Http": how large a request may be. Beyond these the client gets 413, 414 or 431 in the envelope.</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>
    /// A body, however it is sent (Content-Length or chunked, with or without Idempotency-Key). 4 MiB holds a full
    /// offline batch of 100 memos of 5,000 Korean characters (~1.6 MB) twice over. An endpoint may set its own
    /// with RequestSizeLimit metadata.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>All header names and values together (Kestrel's own default).</summary>
    [Range(1, int.MaxValue / KestrelHeadroom)]
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    [Range(1, int.MaxValue / KestrelHeadroom)]
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Method, target (path and query) and protocol.</summary>
    [Range(1, int.MaxValue / KestrelHeadroom)]
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>
    /// Kestrel answers a request over its own limits with a bare status and no body, which the clients cannot read.
    /// So Kestrel admits this many times ours and the middleware answers in the envelope; only a request beyond
    /// that (a deliberate flood) still gets Kestrel's bare answer, which keeps a connection's memory bounded.
    /// </summary>
    public const int KestrelHeadroom = 8;
}

public static class RequestLimits
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RequestLimitsOptions>("Http");
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, options) =>
        {
            var ours = options.Value;
            var limits = kestrel.Limits;
            limits.MaxRequestHeadersTotalSize = Math.Max(limits.MaxRequestHeadersTotalSize, ours.MaxRequestHeadersBytes * RequestLimitsOptions.KestrelHeadroom);
            limits.MaxRequestHeaderCount = Math.Max(limits.MaxRequestHeaderCount, ours.MaxRequestHeaderCount * RequestLimitsOptions.KestrelHeadroom);
            limits.MaxRequestLineSize = Math.Max(limits.MaxRequestLineSize, ours.MaxRequestLineBytes * RequestLimitsOptions.KestrelHeadroom);
            if (limits.MaxRequestBodySize is { } body && body < ours.MaxRequestBodyBytes)
            {
                limits.MaxRequestBodySize = ours.MaxRequestBodyBytes;
            }
        });
        return builder;
    }

    public static ApiException HeadersTooLarge() => new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "HEADERS_TOO_LARGE",
        new Text("요청 헤더가 너무 큽니다.", "The request headers are too large."));

    public static ApiException UriTooLong() => new(StatusCodes.Status414UriTooLong, "URI_TOO_LONG",
        new Text("요청 주소가 너무 깁니다.", "The request address is too long."));

    public static ApiException BodyTooLarge() => new(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE",
        new Text("요청 본문이 너무 큽니다.", "The request body is too large."));
}
