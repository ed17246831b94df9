using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Transfer;

/// <summary>
/// POST /imports: a Goodreads or StoryGraph library export, or our own JSON export, as a multipart <c>file</c> or as
/// the request body. The file is read and checked whole before anything is written: a file that is not text, not one of
/// the formats, or not well-formed is refused (400, 413 past the size or row limit) and changes nothing.
/// </summary>
public static class ImportFile
{
    /// <summary>Fifty megabytes hold a Goodreads export of tens of thousands of books with their reviews.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public const int MaxRows = 20_000;

    private const int ListedRows = 500;

    public static async Task<Ok<ApiResponse<ImportResponse>>> Handle(
        HttpRequest request, CurrentUser user, Importer importer, TimeProvider time, CancellationToken ct)
    {
        var bytes = await ReadFileAsync(request, ct);
        var text = Decode(bytes);
        var body = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var parsed = text.TrimStart().StartsWith('{')
            ? JsonImport.Parse(text, user.TimeZone, now, MaxRows)
            : CsvImport.Parse(body, user.TimeZone, now, MaxRows);
        var outcome = await importer.ImportAsync(user.Id, parsed.Books, ct);

        var http = request.HttpContext;
        var failed = parsed.Failed.Select(p => new ImportRowResult(p.Row, p.Title, Language.Pick(http, p.Reason))).ToList();
        var already = outcome.AlreadyOnShelf.Select(b => new ImportRowResult(b.Row, b.Book.Title, null)).ToList();
        return Envelope.Ok(new ImportResponse(
            parsed.Format, parsed.Books.Count + parsed.Failed.Count, outcome.Imported.Count, already.Count, failed.Count, outcome.MemosImported,
            [.. failed.Take(ListedRows)], [.. already.Take(ListedRows)], failed.Count > ListedRows || already.Count > ListedRows));
    }

    private static async Task<byte[]> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                throw ImportErrors.BadFile("multipart 본문을 읽을 수 없습니다.", "Cannot read the multipart body.");
            }

            source = form.Files.GetFile("file")?.OpenReadStream()
                ?? throw ImportErrors.BadFile("'file' 필드에 파일을 담아 보내주세요.", "Send the file in the 'file' field.");
        }
        else
        {
            source = request.Body;
        }

        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxFileBytes)
                {
                    throw ImportErrors.FileTooLarge(MaxFileBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length == 0 ? throw ImportErrors.Empty() : buffer.ToArray();
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Exports are UTF-8 text: a NUL byte or an invalid sequence means a binary file (a spreadsheet, an image).</summary>
    private static string Decode(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw NotText();
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw NotText();
        }
    }

    private static ApiException NotText() => ImportErrors.BadFile(
        "텍스트(UTF-8) 파일이 아닙니다. 내보내기 CSV나 JSON 파일을 그대로 올려주세요.",
        "This is not a text (UTF-8) file. Upload the export CSV or JSON file as it was downloaded.");
}
