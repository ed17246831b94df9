using System.Text.Json;

namespace ReadingTracker.Api.IntegrationTests.Fuzz;

/// <summary>
/// Hostile values, as raw text for a URL and as raw JSON fragments for a body: wrong types, extremes, dates
/// out of any calendar a reader uses, empty and huge strings, NUL, lone surrogates, invalid UTF-8.
/// </summary>
public static class BadValues
{
    /// <summary>Already escaped for a URL: the server sees what a hand-made request would send.</summary>
    public static readonly string[] Url =
    [
        "", "0", "-1", "1", "5", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999", "1e3", "1.5", "NaN", "-0", "0x10", "true", "null", "0001-01-01", "9999-12-31", "1899-12-31",
        "2101-01-01", "2026-02-30", "2026-13-01", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "%00", "a%00b", "%FF%FE",
        "%C3%28", "%ED%A0%80", "%E2%82", "%F0%9F%93%9A", "%EA%B0%80%EB%82%98", "+", "%", "%25", "%2F", "..%2F..%2Fetc", "'%20OR%201%3D1--",
        "Primary,Secondary", "TYPE,TOPIC", "primary", "ToRead%2CReading", "%20Reading", "Reading%20", new string('9', 400),
        new string('a', 3000), "%3Cscript%3E", "%5B%5D", "%7B%7D",
    ];

    public static readonly string[] Json =
    [
        "null", "true", "false", "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "1e308", "-1e308", "1e400", "1.5", "0.0000001", "-0", "\"\"", "\" \"", "\"0\"", "\"-1\"", "\"1e3\"",
        "\"99999999999999999999\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"0001-01-01T00:00:00\"", "\"9999-12-31T23:59:59\"",
        "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00+14:00\"", "\"2026-02-30T10:00:00\"", "\"2026-11-02T25:61:61\"",
        "\"1899-12-31T23:59:59\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\uffff\"",
        "\"📚✍️\"", "\"가나다\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"../../etc/passwd\"", "\"%s%n%x\"",
        "\"Primary\"", "\"Secondary\"", "\"1\"", "\"5\"", "\"ToRead, Reading\"", "\"TYPE,TOPIC\"", "[]", "[1,2,3]", "[null]",
        "[\"quote\",\"quote\"]", "{}", "{\"a\":{\"b\":[{}]}}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
        JsonSerializer.Serialize(new string('x', 6000)), JsonSerializer.Serialize(new string('가', 100_000)),
        "[" + string.Join(",", Enumerable.Repeat("\"etc\"", 500)) + "]",
    ];

    /// <summary>Whole bodies where a JSON object goes: broken, of another type, or not JSON at all.</summary>
    public static readonly (string ContentType, byte[] Body)[] Bodies =
    [
        ("application/json", "{"u8.ToArray()), ("application/json", "{\"a\":"u8.ToArray()), ("application/json", "}"u8.ToArray()),
        ("application/json", "null"u8.ToArray()), ("application/json", "42"u8.ToArray()), ("application/json", "\"text\""u8.ToArray()),
        ("application/json", "[{}]"u8.ToArray()), ("application/json", "[]"u8.ToArray()), ("application/json", []),
        ("application/json", [.. "{\"content\":\""u8, 0xC3, 0x28, .. "\"}"u8]), ("application/json", [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        ("application/json", [(byte)'{', 0x00, (byte)'}']), ("application/json", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']),
        ("application/json", "{\"a\":1,\"a\":2}"u8.ToArray()), ("application/json", "{\"n\":1e999999}"u8.ToArray()), ("application/json", "{\"n\":NaN}"u8.ToArray()),
        ("application/json", System.Text.Encoding.UTF8.GetBytes(new string('[', 5000))), ("application/json", "{'single':'quotes'}"u8.ToArray()),
        ("application/json", "{\"a\":1,}"u8.ToArray()), ("application/json", "/* comment */ {}"u8.ToArray()),
        ("text/plain", "hello"u8.ToArray()), ("application/x-www-form-urlencoded", "a=1&b=2"u8.ToArray()),
        ("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n"u8.ToArray()),
        ("application/xml", "<a/>"u8.ToArray()), ("application/json; charset=latin1", [.. "{\"title\":\""u8, 0xE9, .. "\"}"u8]),
        ("", "{}"u8.ToArray()),
    ];

    /// <summary>For what is named a date or a time: the ends of the calendar, and days that do not exist.</summary>
    public static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "1899-12-31", "2101-01-01", "1900-01-01",
        "2100-12-31", "2026-02-30", "2026-02-29", "0000-01-01", "10000-01-01", "2026-11-02T24:00:00", "2026-11-02T10:00:00+14:00",
        "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59+14:00", "9999-12-31T23:59:59Z", "2026-11-02T10:00:00.9999999",
    ];

    /// <summary>The values every parameter meets once in the sweep, as URL text.</summary>
    public static string[] CriticalInUrl(string name, bool inPath) => FuzzValues.IsDate(name)
        ? ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-02-30"]
        : inPath
            ? ["0", "-1", "9223372036854775807", "9223372036854775808", "%FF", new string('a', 400)]
            : ["", "0", "-1", "1", "5", "2147483648", "9223372036854775808", "%00", "%FF", new string('9', 400)];

    /// <summary>The values every top-level body property meets once in the sweep, as JSON text.</summary>
    public static string[] CriticalInJson(string name) => FuzzValues.IsDate(name)
        ? ["\"0001-01-01\"", "\"9999-12-31\"", "\"0001-01-01T00:00:00\"", "\"9999-12-31T23:59:59\"", "\"9999-12-31T23:59:59+14:00\"", "\"2026-02-30\"", "5"]
        : ["null", "-1", "0", "2147483648", "9223372036854775808", "1e400", "\"\"", "\"1\"", "[]", "{}", "true", JsonSerializer.Serialize(new string('가', 20_000))];

    public static readonly string[] Headers =
    [
        "", " ", "\"quoted\"", "\"\"", new string('k', 300), new string('k', 255), "a,b", "*", "null", "%00", "\"unterminated",
    ];

    public static readonly string[] Languages = ["en;q=abc", "*;q=NaN", ",,,", "en;q=1e309", "ko-KR,en;q=0.9", ";;", "x"];
}
