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

    /// <summary>Text without control characters (NUL, line breaks, escapes): what is passed on to another service must be plain.</summary>
    public Validator PlainText(string? value, string field)
    {
        if (value is not null && value.Any(char.IsControl))
        {
            Add(field, "제어 문자는 입력할 수 없습니다.", "Control characters are not allowed.");
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
    /// Only the named wire values are valid. Query and route values are already held to the names by
    /// <see cref="EnumNamesMiddleware"/> before a handler runs; this stays as the handler's own guard.
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

    /// <summary>
    /// Parses a wire date-time in the user's zone (UTC millis), no earlier than <see cref="WireTime.MinDate"/> and no
    /// later than <paramref name="latest"/>; records an error and returns null when it is not one or out of range.
    /// </summary>
    public long? DateTime(string? value, TimeZoneInfo zone, string field, DateTimeOffset latest)
    {
        if (value is null)
        {
            return null;
        }

        var millis = WireTime.TryParse(value, zone);
        if (millis is null)
        {
            Add(field, "날짜·시간 형식(YYYY-MM-DDTHH:mm:ss)이 올바르지 않습니다.", "Expected a date-time as YYYY-MM-DDTHH:mm:ss.");
            return null;
        }

        if (millis < WireTime.StartOf(WireTime.MinDate, zone) || millis > latest.ToUnixTimeMilliseconds())
        {
            var last = WireTime.ToWire(latest.ToUnixTimeMilliseconds(), zone);
            Add(field, $"{WireTime.ToWire(WireTime.MinDate)}T00:00:00부터 {last}까지의 시각이어야 합니다.",
                $"Must be a time from {WireTime.ToWire(WireTime.MinDate)}T00:00:00 to {last}.");
            return null;
        }

        return millis;
    }

    /// <summary>Parses "yyyy-MM-dd" from 1900-01-01 to 2100-12-31; records an error and returns null otherwise.</summary>
    public DateOnly? Date(string? value, string field) => Date(value, field, WireTime.MinDate, WireTime.MaxDate);

    /// <summary>Parses "yyyy-MM-dd" within [min, max]; records an error and returns null otherwise.</summary>
    public DateOnly? Date(string? value, string field, DateOnly min, DateOnly max)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, "날짜 형식(YYYY-MM-DD)이 올바르지 않습니다.", "Expected a date as YYYY-MM-DD.");
            return null;
        }

        if (date < min || date > max)
        {
            Add(field, $"{WireTime.ToWire(min)}부터 {WireTime.ToWire(max)}까지의 날짜여야 합니다.", $"Must be a date from {WireTime.ToWire(min)} to {WireTime.ToWire(max)}.");
            return null;
        }

        return date;
    }

    /// <summary>A calendar year a query may ask for (the same bounds as dates).</summary>
    public Validator Year(int? year, string field) => Range(year, WireTime.MinDate.Year, WireTime.MaxDate.Year, field);

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors);
        }
    }
}
