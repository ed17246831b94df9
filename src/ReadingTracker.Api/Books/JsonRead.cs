using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ReadingTracker.Api.Books;

/// <summary>Lenient reads of provider JSON: a missing member, a null or the wrong kind gives null, never an exception.</summary>
internal static class JsonRead
{
    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        // Aladin sends HTML entities ("&lt;개정판&gt;"); the client renders text, so decode them once here.
        return string.IsNullOrWhiteSpace(text) ? null : WebUtility.HtmlDecode(text).Trim();
    }

    public static int? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.Number when value.TryGetDouble(out var d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }

    /// <summary>A positive count (pages): providers use 0 for "unknown".</summary>
    public static int? Positive(JsonElement element, string name) => Number(element, name) is > 0 and var n ? n : null;

    public static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static IEnumerable<string> Texts(JsonElement element, string name) =>
        Items(element, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0);

    /// <summary>"yyyy-MM-dd" when the text is that date, else null.</summary>
    public static string? IsoDate(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
