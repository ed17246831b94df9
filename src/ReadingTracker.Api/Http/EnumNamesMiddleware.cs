using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace ReadingTracker.Api.Http;

/// <summary>
/// Enum values bind from their names only, in every query and route value of every endpoint. Minimal APIs parse
/// them with Enum.TryParse, which also takes a number ("?from=5", "?category=1") or a comma list
/// ("ToRead,Reading"), so a number once ran the admin repair from the wrong master. This middleware checks the raw
/// value of each enum parameter of the matched endpoint against the names before the handler runs, and answers
/// 400 VALIDATION_FAILED with the field. Bodies are covered by the JSON converter (allowIntegerValues: false).
/// It runs after authorization, so an anonymous caller still gets 401 first.
/// </summary>
public sealed class EnumNamesMiddleware(RequestDelegate next)
{
    private readonly ConcurrentDictionary<RouteEndpoint, EnumParameter[]> _parameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return next(context);
        }

        var v = new Validator();
        foreach (var parameter in _parameters.GetOrAdd(endpoint, Find))
        {
            var raw = parameter.FromRoute
                ? context.Request.RouteValues[parameter.Name]?.ToString()
                : context.Request.Query[parameter.Name].ToString(); // repeated values come joined with commas: refused too
            if (!string.IsNullOrEmpty(raw) && !parameter.Names.Contains(raw))
            {
                var names = string.Join(", ", parameter.Names);
                v.Add(parameter.Name, $"허용되는 값: {names}", $"Allowed values: {names}");
            }
        }

        v.ThrowIfInvalid();
        return next(context);
    }

    private static EnumParameter[] Find(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return [];
        }

        var found = new List<EnumParameter>();
        foreach (var parameter in handler.GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            var attributes = parameter.GetCustomAttributes(inherit: true);
            if (!type.IsEnum || parameter.Name is null
                || attributes.Any(a => a is IFromBodyMetadata or IFromServiceMetadata or IFromHeaderMetadata or IFromFormMetadata))
            {
                continue;
            }

            var name = attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name
                ?? attributes.OfType<IFromRouteMetadata>().FirstOrDefault()?.Name
                ?? parameter.Name;
            var fromRoute = attributes.OfType<IFromRouteMetadata>().Any()
                || (!attributes.OfType<IFromQueryMetadata>().Any() && endpoint.RoutePattern.GetParameter(name) is not null);
            found.Add(new EnumParameter(name, fromRoute, new HashSet<string>(Enum.GetNames(type), StringComparer.Ordinal)));
        }

        return [.. found];
    }

    private sealed record EnumParameter(string Name, bool FromRoute, HashSet<string> Names);
}
