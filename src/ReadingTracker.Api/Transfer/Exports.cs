using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using Microsoft.Net.Http.Headers;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Transfer;

/// <summary>
/// GET /exports/markdown (a zip with one Markdown file per book, its memos by page and date) and GET
/// /exports/goodreads.csv (Goodreads' own export columns, which its importer reads). Both stream a page of the shelf
/// at a time; each page's text is built in memory and written asynchronously (the server allows no blocking writes).
/// </summary>
public static class Exports
{
    /// <summary>Goodreads' library export header: its importer takes this file as if Goodreads had written it.</summary>
    public static readonly string[] GoodreadsColumns =
    [
        "Book Id", "Title", "Author", "Author l-f", "Additional Authors", "ISBN", "ISBN13", "My Rating", "Average Rating", "Publisher",
        "Binding", "Number of Pages", "Year Published", "Original Publication Year", "Date Read", "Date Added", "Bookshelves",
        "Bookshelves with positions", "Exclusive Shelf", "My Review", "Spoiler", "Private Notes", "Read Count", "Owned Copies",
    ];

    public static string Attachment(string name, string extension, TimeProvider time)
    {
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ContentDispositionHeaderValue("attachment") { FileName = $"{name}-{day}.{extension}" }.ToString();
    }

    public static async Task Goodreads(HttpContext http, CurrentUser user, ExportStore store, TimeProvider time, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = Attachment("goodreads_library_export", "csv", time);
        // The writer flushes to the response asynchronously as its buffer fills: one page of the shelf in memory at most.
        await using var csv = CsvWriter.Create(response.Body, new CsvWriterOptions(), leaveOpen: true);
        await csv.WriteRecordAsync(GoodreadsColumns, ct);
        await foreach (var page in store.PagesAsync(user.Id, withHistory: false, ct))
        {
            foreach (var entry in page.Entries)
            {
                await csv.WriteRecordAsync(GoodreadsRow(entry, page, user.TimeZone), ct);
            }
        }

        await csv.FlushAsync(ct);
    }

    private static string[] GoodreadsRow(ShelfEntryRow e, ExportPage page, TimeZoneInfo zone)
    {
        var shelf = e.CategoryValue switch
        {
            BookCategory.Finished => "read",
            BookCategory.Reading or BookCategory.AlmostFinished => "currently-reading",
            _ => "to-read",
        };
        // Goodreads keeps ISBNs as ="…" so spreadsheets do not turn them into numbers; its importer reads either.
        var isbn13 = e.Isbn is null ? "" : $"=\"{e.Isbn}\"";
        var isbn10 = e.Isbn is { } i && i.StartsWith("978", StringComparison.Ordinal) ? $"=\"{Isbn10(i)}\"" : "";
        var notes = string.Join("\n\n", page.MemosByEntry[e.Id].Select(m => m.Row.Content));
        return
        [
            "", e.Title, e.Author, "", "", isbn10, isbn13, (e.Rating ?? 0).ToString(CultureInfo.InvariantCulture), "", e.Publisher ?? "",
            "", e.TotalPages?.ToString(CultureInfo.InvariantCulture) ?? "", "", "", GoodreadsDate(e.ReadingFinishedDate),
            WireTime.LocalDate(e.CreatedAt, zone).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture), shelf, "", shelf, e.Review ?? "", "", notes,
            shelf == "read" ? "1" : "0", "0",
        ];
    }

    /// <summary>The ISBN-10 of a 978 ISBN-13: its nine middle digits and their own check digit.</summary>
    private static string Isbn10(string isbn13)
    {
        var stem = isbn13[3..12];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (stem[i] - '0') * (10 - i);
        }

        var check = (11 - (sum % 11)) % 11;
        return stem + (check == 10 ? "X" : check.ToString(CultureInfo.InvariantCulture));
    }

    private static string GoodreadsDate(string? date) => date is { Length: >= 10 } ? date[..10].Replace('-', '/') : "";

    public static async Task Markdown(HttpContext http, CurrentUser user, ExportStore store, TimeProvider time, CancellationToken ct)
    {
        var response = http.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = Attachment("reading-tracker-notes", "zip", time);
        // The archive writes synchronously (an entry's deflate stream flushes on dispose), which the server refuses on the
        // response: it writes into a buffer that is sent after each book, so memory holds one compressed book at most.
        var pending = new PendingBytes();
        var zip = new ZipArchive(pending, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
        try
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var page in store.PagesAsync(user.Id, withHistory: false, ct))
            {
                foreach (var e in page.Entries)
                {
                    var entry = zip.CreateEntry(FileName(e, names), CompressionLevel.Fastest);
                    using (var stream = entry.Open())
                    {
                        stream.Write(Encoding.UTF8.GetBytes(BookMarkdown(e, page, user.TimeZone)));
                    }

                    await pending.SendAsync(response.Body, ct);
                }
            }
        }
        finally
        {
            zip.Dispose(); // writes the central directory into the buffer
        }

        await pending.SendAsync(response.Body, ct);
    }

    /// <summary>A write-only stream that keeps what is written until <see cref="SendAsync"/> passes it on.</summary>
    private sealed class PendingBytes : Stream
    {
        private readonly MemoryStream _buffer = new();
        private long _sent;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _sent + _buffer.Length; set => throw new NotSupportedException(); }

        public async Task SendAsync(Stream destination, CancellationToken ct)
        {
            await destination.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), ct);
            _sent += _buffer.Length;
            _buffer.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Write(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>"Title - Author.md", cut to a length every file system takes, with characters no file system allows replaced.</summary>
    private static string FileName(ShelfEntryRow e, HashSet<string> taken)
    {
        var invalid = new HashSet<char>(['/', '\\', ':', '*', '?', '"', '<', '>', '|']);
        var name = new string($"{e.Title} - {e.Author}".Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().TrimEnd('.');
        name = name.Length > 100 ? name[..100] : name;
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            unique = $"{name} ({n})";
        }

        return unique + ".md";
    }

    private static string BookMarkdown(ShelfEntryRow e, ExportPage page, TimeZoneInfo zone)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(e.Title).AppendLine();
        md.Append("- Author: ").AppendLine(e.Author);
        if (e.Isbn is not null)
        {
            md.Append("- ISBN: ").AppendLine(e.Isbn);
        }

        md.Append("- Shelf: ").AppendLine(e.Category);
        if (e.Rating is { } rating)
        {
            md.Append("- Rating: ").Append(new string('★', rating)).AppendLine(new string('☆', 5 - rating));
        }

        if (e.ReadingStartDate is not null || e.ReadingFinishedDate is not null)
        {
            md.Append("- Read: ").Append(e.ReadingStartDate ?? "?").Append(" – ").AppendLine(e.ReadingFinishedDate ?? "");
        }

        if (!string.IsNullOrWhiteSpace(e.Review))
        {
            md.AppendLine().AppendLine("## Review").AppendLine().AppendLine(e.Review.Trim());
        }

        var memos = page.MemosByEntry[e.Id].ToList();
        if (memos.Count > 0)
        {
            md.AppendLine().AppendLine("## Memos");
            foreach (var memo in memos)
            {
                var m = memo.Row;
                md.AppendLine().Append("### p. ").Append(m.PageNumber.ToString(CultureInfo.InvariantCulture)).Append(" · ")
                    .AppendLine(WireTime.ToWire(m.MemoStartTime, zone).Replace('T', ' '));
                if (memo.Tags.Count > 0)
                {
                    md.AppendLine().AppendLine(string.Join(' ', memo.Tags.Select(t => "#" + t.Code)));
                }

                md.AppendLine().AppendLine(m.Content.Trim());
            }
        }

        return md.ToString();
    }
}
