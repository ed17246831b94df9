using System.Globalization;
using System.Text.Json;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Transfer;

/// <summary>Our own export (<see cref="JsonExport"/>) read back: how a reader moves between servers.</summary>
public static class JsonImport
{
    public const string Json = "json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    public sealed record Document(string? Format, int? Version, IReadOnlyList<Book?>? Books);

    public sealed record Book(
        string? Isbn, string? Title, string? Author, string? Publisher, int? TotalPages, string? Category, string? Expectation,
        string? ReadingStartDate, int? ReadingProgress, string? ReadingFinishedDate, int? Rating, string? Review, string? AddedAt,
        IReadOnlyList<Memo?>? Memos);

    public sealed record Memo(string? ClientId, int? PageNumber, string? Content, string? MemoStartTime, IReadOnlyList<string?>? Tags);

    public static ParsedImport Parse(string text, TimeZoneInfo zone, long now, int maxRows)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(text, Options);
        }
        catch (JsonException ex)
        {
            throw ImportErrors.BadFile(
                $"JSON을 읽을 수 없습니다 ({ex.Path}, {ex.LineNumber + 1}번째 줄).", $"Cannot read the JSON ({ex.Path}, line {ex.LineNumber + 1}).");
        }

        if (document is not { Format: JsonExport.FormatName, Books: { } books })
        {
            throw ImportErrors.UnknownFormat();
        }

        if (document.Version is not JsonExport.FormatVersion)
        {
            throw ImportErrors.BadFile($"이 서버는 버전 {JsonExport.FormatVersion}의 내보내기 파일만 읽습니다.",
                $"This server reads export files of version {JsonExport.FormatVersion} only.");
        }

        if (books.Count > maxRows)
        {
            throw ImportErrors.TooManyRows(maxRows);
        }

        var parsed = new List<ImportedBook>();
        var failed = new List<RowProblem>();
        for (var i = 0; i < books.Count; i++)
        {
            var (book, problem) = Row(i + 1, books[i], zone).Check(zone, now);
            if (book is not null)
            {
                parsed.Add(book);
            }
            else
            {
                failed.Add(problem!);
            }
        }

        return new ParsedImport(Json, parsed, failed);
    }

    private static ImportRow Row(int row, Book? b, TimeZoneInfo zone)
    {
        if (b is null)
        {
            return new ImportRow(row, null, null);
        }

        string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
        var memos = (b.Memos ?? []).Select(m => new ImportRowMemo(
            m?.PageNumber ?? 0, m?.Content ?? "", WireTime.TryParse(m?.MemoStartTime, zone), null,
            [.. (m?.Tags ?? []).OfType<string>()], m?.ClientId is { } id && Guid.TryParse(id, out var guid) ? guid.ToString("D") : null)).ToList();
        return new ImportRow(row, b.Title, b.Author)
        {
            Isbn = b.Isbn,
            Publisher = b.Publisher,
            Pages = Number(b.TotalPages),
            Category = b.Category,
            Rating = Number(b.Rating),
            Review = b.Review,
            Expectation = b.Expectation,
            StartDate = b.ReadingStartDate,
            FinishDate = b.ReadingFinishedDate,
            AddedDate = b.AddedAt is { Length: >= 10 } added ? added[..10] : null,
            Progress = Number(b.ReadingProgress),
            Memos = memos,
        };
    }
}
