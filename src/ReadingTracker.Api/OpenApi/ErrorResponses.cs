using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Idempotency;

namespace ReadingTracker.Api.OpenApi;

/// <summary>
/// The error answers each operation lists in /openapi/v1.json, every one in the envelope (<see cref="ApiErrorResponse"/>,
/// application/json). <see cref="WithErrorResponses{TBuilder}"/> on a route group lists, for each of its endpoints, what
/// the pipeline in front of the handler answers, read from the endpoint's own metadata:
/// <list type="bullet">
/// <item>503 everywhere: every operation reads or writes the masters (an authenticated one at least to load its user) or asks a book provider;</item>
/// <item>401 where authorization is required, and 403 where a policy (the admin role) decides;</item>
/// <item>429 where a rate limit applies;</item>
/// <item>400, 409 and 422 on a write under Idempotency-Key (a malformed key, the same key still running, the key reused);</item>
/// <item>400 and 413 where there is a JSON body, 400 where a query value is bound.</item>
/// </list>
/// <see cref="ProducesErrors{TBuilder}"/> on a route adds what its handler itself answers (404 for an unknown id, 409 for a
/// conflict...), and a mechanism attached to a group may declare its own (<see cref="DeclaredErrors"/>: the write quota's
/// 429 on writes). Each status is listed once, in order.
/// </summary>
public static class ErrorResponses
{
    private static readonly string[] Json = ["application/json"];

    public static TBuilder WithErrorResponses<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(Declare);
        return builder;
    }

    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new DeclaredErrors(statuses));
        builder.Finally(Declare);
        return builder;
    }

    /// <summary>The statuses the pipeline answers for this endpoint before (or around) its handler.</summary>
    public static IEnumerable<int> FromPipeline(EndpointBuilder endpoint)
    {
        var metadata = endpoint.Metadata;
        var write = IsWrite(endpoint);
        yield return StatusCodes.Status503ServiceUnavailable;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            yield return StatusCodes.Status401Unauthorized;
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            {
                yield return StatusCodes.Status403Forbidden;
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            yield return StatusCodes.Status429TooManyRequests;
        }

        if (write && !metadata.OfType<OutsideIdempotency>().Any())
        {
            yield return StatusCodes.Status400BadRequest;
            yield return StatusCodes.Status409Conflict;
            yield return StatusCodes.Status422UnprocessableEntity;
        }

        if (metadata.OfType<IAcceptsMetadata>().Any())
        {
            yield return StatusCodes.Status400BadRequest;
            yield return StatusCodes.Status413PayloadTooLarge;
        }

        if (BindsQueryValues(endpoint))
        {
            yield return StatusCodes.Status400BadRequest;
        }
    }

    private static void Declare(EndpointBuilder endpoint)
    {
        var listed = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
        var declared = endpoint.Metadata.OfType<DeclaredErrors>().Where(d => !d.WritesOnly || IsWrite(endpoint)).SelectMany(d => d.Statuses);
        var statuses = FromPipeline(endpoint).Concat(declared);
        foreach (var status in statuses.Where(listed.Add).Order())
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ApiErrorResponse), Json));
        }
    }

    /// <summary>
    /// A handler parameter bound from text that is not a route value: a query value that may fail to bind (a number,
    /// an enum, a date) or be refused by the handler. Route values are held to their route constraints instead.
    /// </summary>
    private static bool BindsQueryValues(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } handler)
        {
            return false;
        }

        var route = endpoint is RouteEndpointBuilder r ? r.RoutePattern : null;
        return handler.GetParameters().Any(p =>
        {
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            var fromText = type == typeof(string) || type.IsPrimitive || type.IsEnum
                || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not null;
            return fromText && p.Name is { } name && route?.GetParameter(name) is null;
        });
    }

    private static bool IsWrite(EndpointBuilder endpoint) =>
        endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m));
}
