using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReadingTracker.Api.Books;

/// <summary>Open Library's search.json documents and edition (/isbn/{isbn}.json) records.</summary>
public static partial class OpenLibraryJson
{
    public const string SearchFields = "key,title,author_name,publisher,isbn,number_of_pages_median,first_publish_year,cover_i";

    public static BookSearchPage ReadSearch(string raw, string coversBaseUrl)
    {
        var root = ParseObject(raw);
        if (JsonRead.Member(root, "docs").ValueKind != JsonValueKind.Array)
        {
            throw new ProviderAnswerException("Open Library search answer has no docs array.");
        }

        var books = JsonRead.Items(root, "docs").Select(doc => ReadDoc(doc, coversBaseUrl)).OfType<BookInfo>().ToList();
        var total = JsonRead.Number(root, "numFound") ?? JsonRead.Number(root, "num_found") ?? books.Count;
        return new BookSearchPage(books, total);
    }

    /// <summary>One search document; null without a usable ISBN or title.</summary>
    public static BookInfo? ReadDoc(JsonElement doc, string coversBaseUrl)
    {
        var isbn = PickFromList(JsonRead.Texts(doc, "isbn"));
        var title = JsonRead.Text(doc, "title");
        if (isbn is null || title is null)
        {
            return null;
        }

        var year = JsonRead.Number(doc, "first_publish_year");
        return new BookInfo(
            isbn.Value.Isbn,
            isbn.Value.Isbn13,
            title,
            JsonRead.Texts(doc, "author_name").FirstOrDefault(),
            JsonRead.Texts(doc, "publisher").FirstOrDefault(),
            null,
            CoverUrl(coversBaseUrl, JsonRead.Number(doc, "cover_i")),
            JsonRead.Positive(doc, "number_of_pages_median"),
            null,
            year is > 0 and < 10000 ? $"{year:D4}-01-01" : null,
            null,
            null);
    }

    /// <summary>An edition record; <paramref name="requestedIsbn"/> fills in when the record lists no ISBN of that kind.</summary>
    public static BookDetail? ReadEdition(string raw, string requestedIsbn, string? author, string coversBaseUrl)
    {
        var edition = ParseObject(raw);
        var title = JsonRead.Text(edition, "title");
        var isbn = PickFromList(JsonRead.Texts(edition, "isbn_13").Concat(JsonRead.Texts(edition, "isbn_10")).Append(requestedIsbn));
        if (title is null || isbn is null)
        {
            return null;
        }

        var cover = JsonRead.Items(edition, "covers").Select(c => c.TryGetInt32(out var id) ? id : 0).FirstOrDefault(id => id > 0);
        return new BookDetail(
            isbn.Value.Isbn,
            isbn.Value.Isbn13,
            title,
            author ?? JsonRead.Text(edition, "by_statement"),
            JsonRead.Texts(edition, "publishers").FirstOrDefault(),
            PublishDate(JsonRead.Text(edition, "publish_date")),
            CoverUrl(coversBaseUrl, cover),
            Description(edition),
            JsonRead.Positive(edition, "number_of_pages"),
            JsonRead.Texts(edition, "subjects").FirstOrDefault());
    }

    /// <summary>The key of the edition's first author ("/authors/OL118077A"), if any.</summary>
    public static string? FirstAuthorKey(string raw) =>
        JsonRead.Items(ParseObject(raw), "authors").Select(a => JsonRead.Text(a, "key")).FirstOrDefault(k => k is not null && AuthorKey().IsMatch(k));

    public static string? AuthorName(string raw) => JsonRead.Text(ParseObject(raw), "name");

    /// <summary>"2008-05-03", "March 3, 2008", "May 2008" or "c1998" → a yyyy-MM-dd (the first of the year when only that is known).</summary>
    public static string? PublishDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (JsonRead.IsoDate(text) is { } iso)
        {
            return iso;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed) && Year().IsMatch(text))
        {
            return parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return Year().Match(text) is { Success: true } year ? year.Value + "-01-01" : null;
    }

    private static string? CoverUrl(string coversBaseUrl, int? coverId) =>
        coverId is > 0 ? $"{coversBaseUrl.TrimEnd('/')}/b/id/{coverId}-L.jpg" : null;

    private static string? Description(JsonElement edition)
    {
        var description = JsonRead.Member(edition, "description");
        return description.ValueKind == JsonValueKind.String ? JsonRead.Text(edition, "description") : JsonRead.Text(description, "value");
    }

    /// <summary>A 13-digit ISBN with a valid check digit first, then any 13-digit, then an ISBN-10.</summary>
    private static (string Isbn, string? Isbn13)? PickFromList(IEnumerable<string> raw)
    {
        var candidates = raw.Select(Isbn.Clean).Where(Isbn.IsWellFormed).Distinct().ToList();
        var thirteen = candidates.Where(c => c.Length == 13).OrderByDescending(Isbn.HasValidCheckDigit).FirstOrDefault();
        var ten = candidates.Where(c => c.Length == 10).OrderByDescending(Isbn.HasValidCheckDigit).FirstOrDefault();
        return Isbn.Pick(ten, thirteen);
    }

    private static JsonElement ParseObject(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement.Clone();
        return root.ValueKind == JsonValueKind.Object ? root : throw new ProviderAnswerException("Open Library answered " + root.ValueKind + ", not an object.");
    }

    // Only a plain author key becomes a URL path: the provider's text never picks another host.
    [GeneratedRegex("^/authors/OL[0-9]+A$")]
    private static partial Regex AuthorKey();

    [GeneratedRegex(@"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")]
    private static partial Regex Year();
}
