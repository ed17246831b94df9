using System.Text.RegularExpressions;

namespace ReadingTracker.Api.Shelf;

public static partial class Isbn
{
    /// <summary>"ISBN 978-89-..." → "97889..."; null when what remains is not an ISBN-10 or ISBN-13.</summary>
    public static string? Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var cleaned = raw.Trim();
        if (cleaned.StartsWith("ISBN", StringComparison.OrdinalIgnoreCase))
        {
            cleaned = cleaned[4..];
        }

        cleaned = cleaned.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).TrimStart(':').ToUpperInvariant();
        return IsbnPattern().IsMatch(cleaned) ? cleaned : null;
    }

    [GeneratedRegex("^([0-9]{9}[0-9X]|[0-9]{13})$")]
    private static partial Regex IsbnPattern();
}
