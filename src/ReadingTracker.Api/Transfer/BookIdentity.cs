using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Transfer;

/// <summary>
/// When two books are the same book on a shelf: by ISBN-13 (an ISBN-10 converted first); without a valid one, by the
/// normalised title and first author. This is what makes an import idempotent: a book already there is left alone.
/// </summary>
public static class BookIdentity
{
    public static string Key(string? isbn13, string title, string author) =>
        isbn13 is not null ? "isbn:" + isbn13 : "title:" + Normalize(title) + "\u001f" + Normalize(FirstAuthor(author));

    /// <summary>
    /// What user_books.title_key holds for a book without an ISBN (hex SHA-256 of its key, a fixed 64 characters
    /// whatever the title's length); null for a book with one, which its ISBN's own unique key covers.
    /// </summary>
    public static string? TitleKey(string key) =>
        key.StartsWith("title:", StringComparison.Ordinal) ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) : null;

    /// <summary>A cell's ISBN as an ISBN-13, or null when it holds none: Goodreads writes <c>="9788936434120"</c> and <c>=""</c>.</summary>
    public static string? Isbn13(string? raw)
    {
        var text = raw?.Trim() ?? "";
        if (text.StartsWith('='))
        {
            text = text[1..];
        }

        var cleaned = Isbn.Clean(text.Trim('"'));
        if (!Isbn.HasValidCheckDigit(cleaned))
        {
            return null;
        }

        return cleaned.Length == 10 ? Isbn.ToIsbn13(cleaned) : cleaned;
    }

    /// <summary>"Han Kang, Deborah Smith" → "Han Kang"; StoryGraph lists every author in one cell.</summary>
    public static string FirstAuthor(string author)
    {
        var comma = author.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? author : author[..comma]).Trim();
    }

    /// <summary>Case, accents, punctuation and spacing do not make a different book; Hangul is kept as composed syllables.</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                kept.Append(char.ToLowerInvariant(c));
            }
            else if (kept.Length > 0 && kept[^1] != ' ')
            {
                kept.Append(' ');
            }
        }

        return kept.ToString().Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The clientId an imported memo gets when the file names none: the same memo of the same book always gets the same
    /// one, so a second import of the file (or two at once) meets the unique (user, clientId) key instead of duplicating it.
    /// </summary>
    public static string MemoClientId(string bookKey, int page, string content)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', "import", bookKey, page.ToString(CultureInfo.InvariantCulture), content)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5 (name-based, SHA)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }
}
