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
    public FuzzRequest Next(int index, FuzzOperation operation)
    {
        var path = string.Join("/", operation.Path.Split('/').Select(segment =>
            segment.StartsWith('{') ? PathValue(segment.Trim('{', '}')) : segment));
        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (random.Next(3) > 0)
            {
                query.Add($"{parameter.Name}={QueryValue(parameter.Name, parameter.Schema)}");
            }

            if (random.Next(12) == 0)
            {
                query.Add($"{parameter.Name}={Pick(BadValues.Url)}"); // the same parameter twice
            }
        }

        if (random.Next(10) == 0)
        {
            query.Add($"{Pick(["stray", "from", "category", "%00", "a%FFb"])}={Pick(BadValues.Url)}");
        }

        var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        var (contentType, body) = Body(operation);
        var auth = random.Next(10) switch { 0 => FuzzAuth.Anonymous, 1 => FuzzAuth.Forged, _ => FuzzAuth.User };
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

    private static bool IsDate(string name) =>
        name.Contains("date", StringComparison.OrdinalIgnoreCase) || name.Contains("time", StringComparison.OrdinalIgnoreCase);

    private string QueryValue(string name, JsonElement schema)
    {
        if (IsDate(name) && random.Next(2) == 0)
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
            _ => ("application/json", Encoding.UTF8.GetBytes(Value("", schema, depth: 0))),
        };
    }

    /// <summary>A JSON value for the schema: mostly the right shape, with hostile values in some places.</summary>
    private string Value(string name, JsonElement schema, int depth)
    {
        schema = document.Resolve(schema);
        if (IsDate(name) && random.Next(2) == 0)
        {
            return JsonSerializer.Serialize(Pick(BadValues.Dates));
        }

        // A real id now and then, so the rest of the request reaches the checks behind the lookup.
        if (realIds.TryGetValue(name, out var id) && random.Next(2) == 0)
        {
            return id;
        }

        if (depth > 3 || random.Next(4) == 0)
        {
            return Pick(BadValues.Json);
        }

        var types = OpenApiOperations.Types(schema);
        var names = OpenApiOperations.EnumNames(schema);
        if (names.Length > 0)
        {
            return JsonSerializer.Serialize(names[random.Next(names.Length)]);
        }

        if (types.Contains("object") && schema.TryGetProperty("properties", out var properties))
        {
            var members = properties.EnumerateObject().Where(_ => random.Next(6) > 0)
                .Select(p => $"{JsonSerializer.Serialize(p.Name)}:{Value(p.Name, p.Value, depth + 1)}");
            return "{" + string.Join(",", members) + "}";
        }

        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            return "[" + string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ => Value(name, items, depth + 1))) + "]";
        }

        return types.Contains("integer") || types.Contains("number")
            ? random.Next(-3, 400).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : JsonSerializer.Serialize(Pick(["2026-11-02T10:00:00", "2026-11-02", "quote", "Reader", "a@example.com", "Asia/Seoul", RandomGuid(), "p@ssword1!"]));
    }

    private string RandomGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
