using System.Text;
using System.Text.Json;

namespace ReadingTracker.Api.Books;

/// <summary>
/// Aladin's Output=JS answers: JSON that ends with ";" (and may carry the JavaScript escape \'), which
/// strict parsers reject; errors come back as HTTP 200 with {"errorCode", "errorMessage"}.
/// </summary>
public static class AladinJson
{
    /// <summary>Strict JSON from Aladin's JavaScript-flavoured text.</summary>
    public static string ToStrictJson(string raw)
    {
        var text = raw.Trim().TrimStart('\uFEFF');
        while (text.EndsWith(';'))
        {
            text = text[..^1].TrimEnd();
        }

        return text.Contains("\\'", StringComparison.Ordinal) ? DropQuoteEscapes(text) : text;
    }

    /// <summary>The document's root object; an error payload or a non-object is a <see cref="ProviderAnswerException"/>.</summary>
    public static JsonElement Parse(string raw)
    {
        using var document = JsonDocument.Parse(ToStrictJson(raw));
        var root = document.RootElement.Clone();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ProviderAnswerException("Aladin answered " + root.ValueKind + ", not an object.");
        }

        if (root.TryGetProperty("errorCode", out var code))
        {
            throw new ProviderAnswerException($"Aladin error {code.GetRawText()}: {JsonRead.Text(root, "errorMessage")}");
        }

        return root;
    }

    public static BookSearchPage ReadSearch(string raw)
    {
        var root = Parse(raw);
        if (JsonRead.Member(root, "item").ValueKind != JsonValueKind.Array)
        {
            throw new ProviderAnswerException("Aladin search answer has no item array.");
        }

        var books = JsonRead.Items(root, "item").Select(ReadItem).OfType<BookInfo>().ToList();
        return new BookSearchPage(books, JsonRead.Number(root, "totalResults") ?? books.Count);
    }

    /// <summary>The first item of an ItemLookUp answer, or null when Aladin found nothing.</summary>
    public static BookDetail? ReadLookup(string raw)
    {
        var root = Parse(raw);
        var item = JsonRead.Items(root, "item").Select(ReadItem).OfType<BookInfo>().FirstOrDefault();
        return item is null ? null : new BookDetail(item.Isbn, item.Isbn13, item.Title, item.Author, item.Publisher,
            item.PubDate, item.CoverUrl, item.Description, item.TotalPages, item.MainGenre);
    }

    /// <summary>One item; null when it has no ISBN (e-books and goods carry "K…" ids) or no title.</summary>
    public static BookInfo? ReadItem(JsonElement item)
    {
        var isbn = Isbn.Pick(JsonRead.Text(item, "isbn"), JsonRead.Text(item, "isbn13"));
        var title = JsonRead.Text(item, "title");
        if (isbn is null || title is null)
        {
            return null;
        }

        return new BookInfo(
            isbn.Value.Isbn,
            isbn.Value.Isbn13,
            title,
            JsonRead.Text(item, "author"),
            JsonRead.Text(item, "publisher"),
            JsonRead.Text(item, "description"),
            JsonRead.Text(item, "cover"),
            JsonRead.Positive(JsonRead.Member(item, "subInfo"), "itemPage"),
            JsonRead.Text(item, "categoryName"),
            JsonRead.IsoDate(JsonRead.Text(item, "pubDate")),
            JsonRead.Number(item, "priceSales"),
            JsonRead.Number(item, "priceStandard"));
    }

    /// <summary>Replaces \' with ' inside strings, leaving an escaped backslash (\\) alone.</summary>
    private static string DropQuoteEscapes(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] != '\'')
                {
                    builder.Append('\\');
                }

                builder.Append(text[i + 1]);
                i++;
                continue;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
