using System.Text;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Tags;

/// <summary>
/// An own tag's name as the reader typed it (trimmed, NFC) and its key: the same text lower-cased, which is what
/// "unique per user and category, whatever the case" compares (a unique key on both masters).
/// </summary>
public sealed record TagName(string Text, string Key)
{
    public const int MaxLength = 30;

    /// <summary>The name, or null after recording why it is not one (blank, too long, control characters).</summary>
    public static TagName? Parse(Validator v, string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            v.Required(raw, field);
            return null;
        }

        var text = raw.Trim().Normalize(NormalizationForm.FormC);
        if (text.Length > MaxLength || text.Any(char.IsControl))
        {
            v.MaxLength(text, MaxLength, field).PlainText(text, field);
            return null;
        }

        return new TagName(text, text.ToLowerInvariant());
    }
}
