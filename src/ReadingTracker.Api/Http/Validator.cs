using System.Globalization;

namespace ReadingTracker.Api.Http;

/// <summary>Collects field errors for one request and throws them all at once as 400 VALIDATION_FAILED.</summary>
public sealed class Validator
{
    private readonly List<FieldText> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string korean, string english)
    {
        _errors.Add(new FieldText(field, new Text(korean, english)));
        return this;
    }

    public Validator Required(object? value, string field)
    {
        if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
        {
            Add(field, "필수 입력 항목입니다.", "This field is required.");
        }

        return this;
    }

    public Validator MaxLength(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"최대 {max}자까지 입력할 수 있습니다.", $"At most {max} characters.");
        }

        return this;
    }

    public Validator Range(long? value, long min, long max, string field)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"{min}에서 {max} 사이여야 합니다.", $"Must be between {min} and {max}.");
        }

        return this;
    }

    public Validator Min(long? value, long min, string field)
    {
        if (value is { } v && v < min)
        {
            Add(field, $"{min} 이상이어야 합니다.", $"Must be at least {min}.");
        }

        return this;
    }

    /// <summary>
    /// Query binding parses enums with Enum.TryParse, which also accepts any number ("?category=5");
    /// only the named wire values are valid.
    /// </summary>
    public Validator Defined<T>(T? value, string field)
        where T : struct, Enum
    {
        if (value is { } e && !Enum.IsDefined(e))
        {
            Add(field, $"허용되는 값: {string.Join(", ", Enum.GetNames<T>())}", $"Allowed values: {string.Join(", ", Enum.GetNames<T>())}");
        }

        return this;
    }

    /// <summary>Parses a wire date-time in the user's zone (UTC millis); records an error and returns null when it is not one.</summary>
    public long? DateTime(string? value, TimeZoneInfo zone, string field)
    {
        var millis = WireTime.TryParse(value, zone);
        if (value is not null && millis is null)
        {
            Add(field, "날짜·시간 형식(YYYY-MM-DDTHH:mm:ss)이 올바르지 않습니다.", "Expected a date-time as YYYY-MM-DDTHH:mm:ss.");
        }

        return millis;
    }

    /// <summary>Parses "yyyy-MM-dd"; records an error and returns null when the text is not a date.</summary>
    public DateOnly? Date(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Add(field, "날짜 형식(YYYY-MM-DD)이 올바르지 않습니다.", "Expected a date as YYYY-MM-DD.");
        return null;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors);
        }
    }
}
