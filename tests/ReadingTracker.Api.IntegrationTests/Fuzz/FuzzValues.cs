using System.Globalization;
using System.Text.Json;

namespace ReadingTracker.Api.IntegrationTests.Fuzz;

/// <summary>
/// JSON values for a schema: hostile ones (the right shape with bad values in many places), and requests that are
/// right in every property but one, which is what reaches the checks deep in a handler (the time of a memo whose
/// book, page and tags are all fine).
/// </summary>
public sealed class FuzzValues(OpenApiOperations document, Random random, IReadOnlyDictionary<string, string> realIds)
{
    public static bool IsDate(string name) =>
        name.Contains("date", StringComparison.OrdinalIgnoreCase) || name.Contains("time", StringComparison.OrdinalIgnoreCase);

    public static string RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>A value of the schema's shape with hostile values in some places, at every depth.</summary>
    public string Hostile(string name, JsonElement schema, int depth)
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

        var names = OpenApiOperations.EnumNames(schema);
        if (names.Length > 0)
        {
            return JsonSerializer.Serialize(names[random.Next(names.Length)]);
        }

        return Shape(name, schema, depth, (n, s, d) => Hostile(n, s, d), p => random.Next(6) > 0);
    }

    /// <summary>
    /// An object whose properties are all plausible but one: the aimed one with its value, or without an aim a random
    /// one that is hostile or missing.
    /// </summary>
    public string OneFault(JsonElement schema, Aim? aim)
    {
        schema = document.Resolve(schema);
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return Hostile("", schema, 0);
        }

        var all = properties.EnumerateObject().ToList();
        var faulty = aim is not null ? all.FindIndex(p => p.Name == aim.Name) : all.Count == 0 ? -1 : random.Next(all.Count);
        var members = all.Select((p, i) => (p, i)).Where(x => x.i != faulty || aim is not null || random.Next(5) > 0).Select(x =>
            $"{JsonSerializer.Serialize(x.p.Name)}:{(x.i != faulty ? Plausible(x.p.Name, x.p.Value, 1) : aim?.Value ?? Fault(x.p.Name))}");
        return "{" + string.Join(",", members) + "}";
    }

    private string Fault(string name) => IsDate(name) && random.Next(2) == 0 ? JsonSerializer.Serialize(Pick(BadValues.Dates)) : Pick(BadValues.Json);

    private string Plausible(string name, JsonElement schema, int depth)
    {
        schema = document.Resolve(schema);
        if (realIds.TryGetValue(name, out var id))
        {
            return id;
        }

        var names = OpenApiOperations.EnumNames(schema);
        return names.Length > 0 ? JsonSerializer.Serialize(names[random.Next(names.Length)])
            : depth > 3 ? "null"
            : Shape(name, schema, depth, Plausible, _ => true);
    }

    private string Shape(string name, JsonElement schema, int depth, Func<string, JsonElement, int, string> inner, Func<JsonProperty, bool> keep)
    {
        var types = OpenApiOperations.Types(schema);
        if (types.Contains("object") && schema.TryGetProperty("properties", out var properties))
        {
            var members = properties.EnumerateObject().Where(keep).Select(p => $"{JsonSerializer.Serialize(p.Name)}:{inner(p.Name, p.Value, depth + 1)}");
            return "{" + string.Join(",", members) + "}";
        }

        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            return "[" + string.Join(",", Enumerable.Range(0, random.Next(1, 6)).Select(_ => inner(name, items, depth + 1))) + "]";
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return random.Next(1, 300).ToString(CultureInfo.InvariantCulture);
        }

        return JsonSerializer.Serialize(name switch
        {
            "tags" => Pick(["quote", "idea", "plot", "etc"]),
            "timeZone" => "Asia/Seoul",
            _ when name.Contains("time", StringComparison.OrdinalIgnoreCase) => "2026-11-02T10:00:00",
            _ when name.Contains("date", StringComparison.OrdinalIgnoreCase) => "2026-11-02",
            _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => "reader@example.com",
            _ when name.Contains("clientId", StringComparison.OrdinalIgnoreCase) => RandomGuid(random),
            _ => Pick(["quote", "Reader", "p@ssword1!", "밑줄 친 문장"]),
        });
    }

    private string Pick(string[] values) => values[random.Next(values.Length)];
}
