namespace ReadingTracker.Api.Http;

/// <summary>Korean by default; English when the client's first preference is English.</summary>
public static class Language
{
    public static bool PrefersEnglish(HttpContext context)
    {
        var header = context.Request.Headers.AcceptLanguage.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        var best = header.Split(',')
            .Select(part => part.Split(';'))
            .Select(parts => (Tag: parts[0].Trim(), Q: ParseQuality(parts)))
            .OrderByDescending(p => p.Q)
            .FirstOrDefault();
        return best.Tag.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static string Pick(HttpContext context, string korean, string english) => PrefersEnglish(context) ? english : korean;

    public static string Pick(HttpContext context, Text text) => Pick(context, text.Korean, text.English);

    private static double ParseQuality(string[] parts)
    {
        var q = parts.Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("q=", StringComparison.Ordinal));
        return q is not null && double.TryParse(q[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : 1.0;
    }
}
