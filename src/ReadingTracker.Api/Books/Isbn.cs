using System.Text;
using System.Text.RegularExpressions;

namespace ReadingTracker.Api.Books;

/// <summary>ISBN text as users and providers write it: "ISBN 978-89-374-6044-9", "89-374-6044-x", "ISBN-13: …".</summary>
public static partial class Isbn
{
    /// <summary>Drops an "ISBN"/"ISBN-13:" prefix, whitespace and hyphens; upper-cases a final x.</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "";
        }

        var text = Prefix().Replace(raw.Trim(), "");
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '\u2010' or '\u2011' or '\u2012' or '\u2013'))
            {
                cleaned.Append(char.ToUpperInvariant(c));
            }
        }

        return cleaned.ToString();
    }

    /// <summary>13 digits, or 10 characters of which the first 9 are digits and the last a digit or X.</summary>
    public static bool IsWellFormed(string isbn) => isbn.Length switch
    {
        13 => isbn.All(char.IsAsciiDigit),
        10 => isbn[..9].All(char.IsAsciiDigit) && (char.IsAsciiDigit(isbn[9]) || isbn[9] == 'X'),
        _ => false,
    };

    public static bool HasValidCheckDigit(string isbn)
    {
        if (!IsWellFormed(isbn))
        {
            return false;
        }

        if (isbn.Length == 13)
        {
            var sum = 0;
            for (var i = 0; i < 12; i++)
            {
                sum += (isbn[i] - '0') * (i % 2 == 0 ? 1 : 3);
            }

            return (10 - (sum % 10)) % 10 == isbn[12] - '0';
        }

        var total = 0;
        for (var i = 0; i < 10; i++)
        {
            var value = isbn[i] == 'X' ? 10 : isbn[i] - '0';
            total += value * (10 - i);
        }

        return total % 11 == 0;
    }

    /// <summary>The ISBN-13 of an ISBN-10 ("978" + first nine digits + a new check digit).</summary>
    public static string? ToIsbn13(string isbn10)
    {
        if (isbn10.Length != 10 || !IsWellFormed(isbn10))
        {
            return null;
        }

        var stem = "978" + isbn10[..9];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (stem[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return stem + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>Cleans a provider's value and keeps it only when it is a well-formed ISBN of that length.</summary>
    public static string? Accept(string? raw, int length)
    {
        var isbn = Clean(raw);
        return isbn.Length == length && IsWellFormed(isbn) ? isbn : null;
    }

    /// <summary>
    /// The (isbn, isbn13) pair a result carries: isbn13 when there is one (derived from an ISBN-10 when
    /// the provider gave only that), and <c>isbn</c> the one to look the book up with — the ISBN-13 first.
    /// Null when the item has no usable ISBN at all.
    /// </summary>
    public static (string Isbn, string? Isbn13)? Pick(string? isbn10, string? isbn13)
    {
        var thirteen = Accept(isbn13, 13);
        var ten = Accept(isbn10, 10);
        thirteen ??= ten is null ? null : ToIsbn13(ten);
        return (thirteen ?? ten) is { } best ? (best, thirteen) : null;
    }

    [GeneratedRegex(@"^ISBN(?:[-\s]?1[03])?\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();
}
