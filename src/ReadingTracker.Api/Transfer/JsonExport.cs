using System.Globalization;
using System.Text.Json;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Transfer;

/// <summary>
/// GET /exports/json: everything of the reader's in one document (docs/contract.md "Import and export"): the shelf, each
/// book's memos with their tags and earlier versions. Written as it is read, a page of the shelf at a time, so the
/// server holds one page however large the library; POST /imports reads it back.
/// </summary>
public static class JsonExport
{
    public const string FormatName = "reading-tracker-export";
    public const int FormatVersion = 1;

    public static async Task Handle(HttpContext http, CurrentUser user, ExportStore store, TimeProvider time, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentDisposition = Exports.Attachment("reading-tracker", "json", time);
        await using var json = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions
        {
            // A file for people and other programs, never embedded in a page: Hangul stays readable rather than \uXXXX.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        json.WriteNumber("version", FormatVersion);
        json.WriteString("exportedAt", Instant(time.GetUtcNow().ToUnixTimeMilliseconds()));
        json.WriteString("timeZone", user.TimeZone.Id);
        json.WriteStartArray("books");
        await foreach (var page in store.PagesAsync(user.Id, withHistory: true, ct))
        {
            foreach (var entry in page.Entries)
            {
                WriteBook(json, entry, page);
            }

            await json.FlushAsync(ct);
            await response.BodyWriter.FlushAsync(ct);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteBook(Utf8JsonWriter json, ShelfEntryRow e, ExportPage page)
    {
        json.WriteStartObject();
        Text(json, "isbn", e.Isbn);
        json.WriteString("title", e.Title);
        json.WriteString("author", e.Author);
        Text(json, "publisher", e.Publisher);
        Number(json, "totalPages", e.TotalPages);
        json.WriteString("category", e.Category);
        Text(json, "expectation", e.Expectation);
        Text(json, "readingStartDate", e.ReadingStartDate);
        Number(json, "readingProgress", e.ReadingProgress);
        Text(json, "readingFinishedDate", e.ReadingFinishedDate);
        Number(json, "rating", e.Rating);
        Text(json, "review", e.Review);
        json.WriteString("addedAt", Instant(e.CreatedAt));
        json.WriteStartArray("memos");
        foreach (var memo in page.MemosByEntry[e.Id])
        {
            var m = memo.Row;
            json.WriteStartObject();
            Text(json, "clientId", m.ClientId);
            json.WriteNumber("pageNumber", m.PageNumber);
            json.WriteString("content", m.Content);
            json.WriteString("memoStartTime", Instant(m.MemoStartTime));
            json.WriteStartArray("tags");
            foreach (var tag in memo.Tags)
            {
                json.WriteStringValue(tag.Code);
            }

            json.WriteEndArray();
            json.WriteNumber("version", m.Version);
            json.WriteString("createdAt", Instant(m.CreatedAt));
            json.WriteString("updatedAt", Instant(m.UpdatedAt));
            json.WriteStartArray("history");
            foreach (var h in page.HistoryByMemo[m.Id])
            {
                json.WriteStartObject();
                json.WriteNumber("version", h.Version);
                json.WriteNumber("pageNumber", h.PageNumber);
                json.WriteString("content", h.Content);
                json.WriteString("tags", h.Tags);
                json.WriteString("editedAt", Instant(h.EditedAt));
                json.WriteString("replacedAt", Instant(h.ReplacedAt));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Instants in UTC, so a file read on a server or by a reader in another zone means the same moment.</summary>
    public static string Instant(long utcMillis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(utcMillis).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
