using System.Text.Json;

namespace ReadingTracker.Api.IntegrationTests.Fuzz;

/// <summary>A parameter of an operation: where it goes and what the document says it holds.</summary>
public sealed record FuzzParameter(string Name, string In, JsonElement Schema);

/// <summary>One operation of the server's OpenAPI document, with its body schema when it takes one.</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonElement? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads the operations and resolves schema references of the server's own /openapi/v1.json.</summary>
public sealed class OpenApiOperations(JsonElement document)
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch", "head"];

    public IReadOnlyList<FuzzOperation> All()
    {
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new FuzzParameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var s) ? Resolve(s) : default)).ToList()
                    : [];
                JsonElement? body = method.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
                    ? Resolve(schema)
                    : null;
                operations.Add(new FuzzOperation(method.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        }

        return operations;
    }

    /// <summary>A schema with its "$ref" (and a oneOf of null and a reference) followed to the component.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return schema;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            return document.GetProperty("components").GetProperty("schemas").GetProperty(r["#/components/schemas/".Length..]);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            foreach (var option in oneOf.EnumerateArray())
            {
                if (option.TryGetProperty("$ref", out _))
                {
                    return Resolve(option);
                }
            }
        }

        return schema;
    }

    /// <summary>The schema's types ("integer", "string"…), whether written as one name or a list.</summary>
    public static string[] Types(JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")]
        : [type.GetString()!];

    public static string[] EnumNames(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var names)
            ? [.. names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)]
            : [];
}
