using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Idempotency;

/// <summary>
/// Honours Idempotency-Key on every mutating API endpoint (docs/contract.md §7.1; the IETF draft; Stripe): a completed key
/// with the same request replays the stored response (Idempotent-Replayed: true); a different request
/// under the key gets 422 (checked before the in-flight state); a key still running gets 409 with
/// Retry-After; a first attempt that ends in 5xx releases the key so a retry runs again.
/// </summary>
public sealed partial class IdempotencyMiddleware(
    RequestDelegate next, IIdempotencyStore store, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsDelete(request.Method) && !HttpMethods.IsPatch(request.Method)
            || !request.Headers.TryGetValue("Idempotency-Key", out var header)
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<OutsideIdempotency>() is not null
            || !request.Path.StartsWithSegments("/api/v1"))
        {
            await next(context);
            return;
        }

        var key = IdempotencyKey.Parse(header);
        var scope = context.User.FindFirst("sub")?.Value is { } userId ? "user:" + userId : "anon:" + context.Connection.RemoteIpAddress;
        var keyHash = IdempotencyKey.Hash(scope, key);
        var fingerprint = IdempotencyKey.Fingerprint(request.Method, request.Path + request.QueryString, await ReadBodyAsync(request));

        ClaimResult claim;
        try
        {
            claim = await store.TryClaimAsync(keyHash, fingerprint, context.RequestAborted);
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, ex, options.Value.WhenStoreUnavailable.ToString(), ex.Message);
            if (options.Value.WhenStoreUnavailable == StoreUnavailablePolicy.Reject)
            {
                throw IdempotencyErrors.StoreUnavailable();
            }

            await next(context);
            return;
        }

        if (claim.Fingerprint != fingerprint)
        {
            throw IdempotencyErrors.KeyReused();
        }

        switch (claim.State)
        {
            case ClaimState.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
            case ClaimState.InFlight:
                throw IdempotencyErrors.InFlight();
            default:
                await ExecuteAndStoreAsync(context, keyHash, fingerprint);
                return;
        }
    }

    private async Task ExecuteAndStoreAsync(HttpContext context, string keyHash, string fingerprint)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (ErrorTable.Map(ex, context) is { Kind: ErrorKind.Refused, Status: < 500 } refused)
            {
                // A request refused on purpose (4xx) is a result too: store it, as Stripe does, so a retry sees the
                // same answer. A fault on the way (the masters down, a lost race on a unique key) frees the key below.
                await ErrorWriter.WriteAsync(context, refused);
            }
        }
        catch
        {
            context.Response.Body = original;
            await ReleaseQuietlyAsync(keyHash);
            throw;
        }

        context.Response.Body = original;
        var body = buffer.ToArray();
        // A 429 is not an answer to the request but to its timing: like a 5xx, it frees the key for the retry.
        if (context.Response.StatusCode >= 500 || context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            await ReleaseQuietlyAsync(keyHash);
        }
        else
        {
            var stored = new StoredResponse(context.Response.StatusCode, context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body));
            try
            {
                await store.CompleteAsync(keyHash, fingerprint, stored, CancellationToken.None);
            }
            catch (IdempotencyStoreUnavailableException ex)
            {
                LogStoreUnavailable(logger, ex, "complete", ex.Message);
            }
        }

        await original.WriteAsync(body);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = stored.ContentType;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.WriteAsync(stored.Body);
    }

    /// <summary>
    /// The whole body, for the fingerprint; the handler then reads the same bytes. Its size is bounded by
    /// RequestLimitsMiddleware, which throws 413 while this copies an over-long body, chunked or not.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        var body = copy.ToArray();
        request.Body = new MemoryStream(body, writable: false);
        return body;
    }

    private async Task ReleaseQuietlyAsync(string keyHash)
    {
        try
        {
            await store.ReleaseAsync(keyHash, CancellationToken.None);
        }
        catch (IdempotencyStoreUnavailableException ex)
        {
            // The claim expires with its lease; until then a retry gets 409 and tries again later.
            LogStoreUnavailable(logger, ex, "release", ex.Message);
        }
    }

    [LoggerMessage(EventId = 1301, EventName = "IdempotencyStoreUnavailable", Level = LogLevel.Warning,
        Message = "Idempotency key store unavailable (policy/step: {Policy}); duplicates of memo creates are still prevented by clientId: {Error}")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string policy, string error);
}
