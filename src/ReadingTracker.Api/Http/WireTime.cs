using System.Globalization;

namespace ReadingTracker.Api.Http;

/// <summary>
/// Date-times travel as the user's local wall-clock time without offset ("yyyy-MM-ddTHH:mm:ss", as in
/// the earlier system); the masters store UTC milliseconds.
/// </summary>
public static class WireTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>The first day a date or date-time on the wire may name; earlier ones are typing mistakes.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    /// <summary>The last day a query may ask for: far enough for any "next day" button, near enough for every zone's arithmetic.</summary>
    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    public static string ToWire(long utcMillis, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(utcMillis), zone).ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToWire(long? utcMillis, TimeZoneInfo zone) => utcMillis is { } v ? ToWire(v, zone) : null;

    /// <summary>
    /// Reads a local wall-clock time (an explicit offset, if given, wins); null when it is not a date-time. A time
    /// whose instant falls outside DateTimeOffset's range (0001-01-01 in a zone east of UTC) saturates at
    /// long.MinValue or long.MaxValue instead of throwing, so the caller's range check rejects it.
    /// </summary>
    public static long? TryParse(string? value, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.EndsWith('Z') || HasOffset(value))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
                ? withOffset.ToUnixTimeMilliseconds()
                : null;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.GetUtcOffset(unspecified);
        var utcTicks = unspecified.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return utcTicks < DateTime.MinValue.Ticks ? long.MinValue : long.MaxValue;
        }

        return new DateTimeOffset(unspecified, offset).ToUnixTimeMilliseconds();
    }

    /// <summary>The UTC millisecond range [start, end) of a local calendar day.</summary>
    public static (long Start, long End) DayRange(DateOnly day, TimeZoneInfo zone) =>
        (StartOf(day, zone), StartOf(day.AddDays(1), zone));

    public static long StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUnixTimeMilliseconds();
    }

    public static DateOnly LocalDate(long utcMillis, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(utcMillis), zone).DateTime);

    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) => LocalDate(time.GetUtcNow().ToUnixTimeMilliseconds(), zone);

    public static string ToWire(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool HasOffset(string value)
    {
        var t = value.IndexOf('T', StringComparison.Ordinal);
        return t > 0 && (value.IndexOf('+', t) > 0 || value.IndexOf('-', t) > 0);
    }
}
