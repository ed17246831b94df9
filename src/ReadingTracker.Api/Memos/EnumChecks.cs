using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Memos;

public static class EnumChecks
{
    /// <summary>
    /// Query binding parses enums with Enum.TryParse, which also accepts any number ("?category=5");
    /// only the named wire values are valid.
    /// </summary>
    public static Validator Defined<T>(this Validator v, T? value, string field)
        where T : struct, Enum
    {
        if (value is { } e && !Enum.IsDefined(e))
        {
            v.Add(field, $"허용되는 값: {string.Join(", ", Enum.GetNames<T>())}", $"Allowed values: {string.Join(", ", Enum.GetNames<T>())}");
        }

        return v;
    }
}
