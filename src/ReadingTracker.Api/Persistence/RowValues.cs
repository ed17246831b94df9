using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace ReadingTracker.Api.Persistence;

/// <summary>Turns an anonymous object or record into column/value pairs (PascalCase → snake_case).</summary>
public static class RowValues
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Column)[]> Cache = new();

    public static Dictionary<string, object?> From(object values)
    {
        if (values is IReadOnlyDictionary<string, object?> dictionary)
        {
            return new Dictionary<string, object?>(dictionary);
        }

        var properties = Cache.GetOrAdd(values.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, ToSnakeCase(p.Name)))
            .ToArray());
        return properties.ToDictionary(p => p.Column, p => Normalize(p.Property.GetValue(values)));
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static object? Normalize(object? value) => value switch
    {
        Enum e => e.ToString(),
        bool b => b ? 1 : 0,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        int i => (long)i,
        _ => value,
    };
}
