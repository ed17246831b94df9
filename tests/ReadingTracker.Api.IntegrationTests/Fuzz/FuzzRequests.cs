using System.Text;
using System.Text.Json;

namespace ReadingTracker.Api.IntegrationTests.Fuzz;

/// <summary>How the request authenticates: as the fuzzing user, with no token, or with a forged one.</summary>
public enum FuzzAuth
{
    User,
    Anonymous,
    Forged,
}

/// <summary>A value aimed at one parameter ("query", "path") or top-level body property ("body").</summary>
public sealed record Aim(string In, string Name, string Value);

/// <summary>One generated request, complete, so a failure can be printed and sent again by hand.</summary>
public sealed record FuzzRequest(
    int Index, FuzzOperation Operation, string Method, string Url, FuzzAuth Auth, IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType, byte[]? Body)
{
    public override string ToString()
    {
        var body = Body is null ? "(none)" : Preview(Body);
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {Cut(h.Value, 80)}"));
        return $"#{Index} {Method} {Cut(Url, 300)} [{Operation}] auth={Auth} headers=[{headers}] content-type={ContentType ?? "(none)"} body={body}";
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";

    /// <summary>The body as text, with bytes that are not printable ASCII shown as \xNN.</summary>
    private static string Preview(byte[] body)
    {
        var text = new StringBuilder();
        foreach (var b in body.Take(400))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return body.Length > 400 ? text + $"…({body.Length} bytes)" : text.ToString();
    }
}

/// <summary>
/// Turns the operations of the OpenAPI document into bad requests, deterministically from one seed: path values
/// from a real id to garbage, declared query parameters hostile or absent (plus stray ones), bodies built from
/// the schema with hostile values for some properties, or replaced whole by broken JSON and other content types.
/// </summary>
public sealed class FuzzRequests(OpenApiOperations document, Random random, IReadOnlyDictionary<string, string> realIds)
{
    private readonly FuzzValues _values = new(document, random, realIds);

    /// <summary>
    /// The sweep: every parameter and every top-level body property of the operation gets each critical value once,
    /// with the rest of the request plausible (a real id in the path), so a bad value meets the code behind it.
    /// </summary>
    public IEnumerable<FuzzRequest> Sweep(FuzzOperation operation)
    {
        foreach (var parameter in operation.Parameters.Where(p => p.In is "query" or "path"))
        {
            foreach (var value in BadValues.CriticalInUrl(parameter.Name, parameter.In == "path"))
            {
                yield return Next(0, operation, new Aim(parameter.In, parameter.Name, value));
            }
        }

        if (operation.Body is { } body && document.Resolve(body).TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                foreach (var value in BadValues.CriticalInJson(property.Name))
                {
                    yield return Next(0, operation, new Aim("body", property.Name, value));
                }
            }
        }
    }

    public FuzzRequest Next(int index, FuzzOperation operation, Aim? aim = null)
    {
        var path = string.Join("/", operation.Path.Split('/').Select(segment =>
            !segment.StartsWith('{') ? segment
            : aim is { In: "path" } && aim.Name == segment.Trim('{', '}') ? aim.Value
            : aim is not null && realIds.TryGetValue(segment.Trim('{', '}'), out var id) ? id
            : PathValue(segment.Trim('{', '}'))));
        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (aim is { In: "query" } && aim.Name == parameter.Name)
            {
                query.Add($"{parameter.Name}={aim.Value}");
                continue;
            }

            if (aim is null && random.Next(3) > 0)
            {
                query.Add($"{parameter.Name}={QueryValue(parameter.Name, parameter.Schema)}");
            }

            if (aim is null && random.Next(12) == 0)
            {
                query.Add($"{parameter.Name}={Pick(BadValues.Url)}"); // the same parameter twice
            }
        }

        if (aim is null && random.Next(10) == 0)
        {
            query.Add($"{Pick(["stray", "from", "category", "%00", "a%FFb"])}={Pick(BadValues.Url)}");
        }

        var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        var (contentType, body) = aim is null ? Body(operation)
            : operation.Body is { } schema ? ("application/json", Encoding.UTF8.GetBytes(_values.OneFault(schema, aim is { In: "body" } ? aim : null)))
            : (null, null);
        var auth = aim is not null ? FuzzAuth.User : random.Next(10) switch { 0 => FuzzAuth.Anonymous, 1 => FuzzAuth.Forged, _ => FuzzAuth.User };
        var headers = new List<KeyValuePair<string, string>>();
        if (operation.Method is "POST" or "PUT" or "DELETE" && random.Next(4) == 0)
        {
            headers.Add(new("Idempotency-Key", random.Next(2) == 0 ? RandomGuid() : Pick(BadValues.Headers)));
        }

        if (random.Next(8) == 0)
        {
            headers.Add(new("Accept-Language", Pick(BadValues.Languages)));
        }

        return new FuzzRequest(index, operation, operation.Method, url, auth, headers, contentType, body);
    }

    // The in-memory test host refuses a path holding %00 before the app sees it (Kestrel answers 400 itself).
    private static readonly string[] PathValues = [.. BadValues.Url.Where(v => !v.Contains("%00", StringComparison.Ordinal))];

    private string PathValue(string name) =>
        random.Next(4) == 0 && realIds.TryGetValue(name, out var id) ? id : Pick(PathValues);

    private string QueryValue(string name, JsonElement schema)
    {
        if (FuzzValues.IsDate(name) && random.Next(2) == 0)
        {
            return Pick(BadValues.Dates);
        }

        if (random.Next(3) > 0)
        {
            return Pick(BadValues.Url);
        }

        var names = OpenApiOperations.EnumNames(schema);
        return names.Length > 0 ? names[random.Next(names.Length)]
            : OpenApiOperations.Types(schema).Contains("integer") ? random.Next(-5, 3000).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Pick(["2026-11-02", "quote", "9788936434595", "x"]);
    }

    private (string? ContentType, byte[]? Body) Body(FuzzOperation operation)
    {
        var roll = random.Next(10);
        if (operation.Body is not { } schema)
        {
            // A body nobody asked for, now and then.
            return roll == 0 ? Pick(BadValues.Bodies) : (null, null);
        }

        return roll switch
        {
            0 => (null, null),
            1 or 2 => Pick(BadValues.Bodies),
            3 or 4 or 5 => ("application/json", Encoding.UTF8.GetBytes(_values.Hostile("", schema, depth: 0))),
            _ => ("application/json", Encoding.UTF8.GetBytes(_values.OneFault(schema, null))),
        };
    }

    private string RandomGuid() => FuzzValues.RandomGuid(random);

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
