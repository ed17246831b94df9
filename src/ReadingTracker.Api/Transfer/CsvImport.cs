using System.Globalization;
using CsvHelper;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Transfer;

/// <summary>
/// Goodreads' and StoryGraph's library export CSVs, told apart by their header row. The whole file is read before
/// anything is written: a record whose field count differs from the header's (a quote left open swallows the rest of
/// the file into one field) or stray quote marks refuse the file, naming the row; a row whose values are wrong fails
/// alone.
/// </summary>
public static class CsvImport
{
    public const string Goodreads = "goodreads";
    public const string StoryGraph = "storygraph";

    public static ParsedImport Parse(byte[] utf8, TimeZoneInfo zone, long now, int maxRows)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            Mode = CsvMode.Rfc4180,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            DetectSeparatorHint = false,
        };
        try
        {
            using var reader = CsvReader.Create(utf8, options);
            var header = reader.Headers.Select(h => h.Trim()).ToArray();
            if (header.Length == 0)
            {
                throw ImportErrors.Empty();
            }

            var column = header.Select((name, i) => (name, i)).GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
            var (format, read) = Detect(column);
            var books = new List<ImportedBook>();
            var failed = new List<RowProblem>();
            while (reader.Read())
            {
                // Row numbers as a spreadsheet shows them: the header is row 1.
                var row = checked((int)reader.RowNumber + 1);
                if (row - 1 > maxRows)
                {
                    throw ImportErrors.TooManyRows(maxRows);
                }

                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }

                var (book, problem) = read(row, new Cells(fields, column)).Check(zone, now);
                if (book is not null)
                {
                    books.Add(book);
                }
                else
                {
                    failed.Add(problem!);
                }
            }

            return new ParsedImport(format, books, failed);
        }
        catch (CsvFormatException ex)
        {
            throw BrokenQuoting(ex.RecordNumber);
        }
    }

    /// <summary>Stray quote marks, a quote never closed (which swallows the rest of the file), or a row of another width than the header.</summary>
    private static Http.ApiException BrokenQuoting(long row) => ImportErrors.BadFile(
        $"{row}번째 행이 CSV 규칙에 맞지 않습니다: 따옴표가 닫히지 않았거나 칸 수가 머리글과 다릅니다.",
        $"Row {row} breaks the CSV rules: a quote is not closed, or it has another number of fields than the header.");

    private static (string Format, Func<int, Cells, ImportRow> Read) Detect(Dictionary<string, int> column)
    {
        bool Has(params string[] names) => names.All(column.ContainsKey);
        if (Has("Title", "Author", "Exclusive Shelf"))
        {
            return (Goodreads, ReadGoodreads);
        }

        if (Has("Title", "Read Status") && (Has("Authors") || Has("Author")))
        {
            return (StoryGraph, ReadStoryGraph);
        }

        throw ImportErrors.UnknownFormat();
    }

    private static ImportRow ReadGoodreads(int row, Cells c)
    {
        var notes = c["Private Notes"];
        var read = c["Date Read"];
        return new ImportRow(row, c["Title"], c["Author"])
        {
            Isbn = BookIdentity.Isbn13(c["ISBN13"]) is not null ? c["ISBN13"] : c["ISBN"],
            Publisher = c["Publisher"],
            Pages = c["Number of Pages"],
            Category = Shelf(c["Exclusive Shelf"]),
            Rating = c["My Rating"],
            Review = c["My Review"],
            FinishDate = read,
            AddedDate = c["Date Added"],
            // Notes kept for oneself are what a memo is: on page 1, dated the day read or else the day added.
            Memos = string.IsNullOrWhiteSpace(notes) ? [] : [new ImportRowMemo(1, notes.Trim(), null, null, [], null)],
        };
    }

    private static ImportRow ReadStoryGraph(int row, Cells c)
    {
        // "Dates Read" lists every read as start-end ranges; the last is the one the shelf keeps.
        var lastRange = c["Dates Read"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var range = lastRange?.Split('-', 2, StringSplitOptions.TrimEntries);
        return new ImportRow(row, c["Title"], c["Authors"] ?? c["Author"])
        {
            Isbn = c["ISBN/UID"] ?? c["ISBN"],
            Category = Shelf(c["Read Status"]),
            Rating = c["Star Rating"],
            Review = c["Review"],
            StartDate = range is { Length: 2 } ? range[0] : null,
            FinishDate = c["Last Date Read"] ?? (range is { Length: 2 } ? range[1] : null),
            AddedDate = c["Date Added"],
        };
    }

    /// <summary>Both services' shelf names; any other (did-not-finish, paused, a custom shelf) waits on to-read.</summary>
    private static string Shelf(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "read" => nameof(BookCategory.Finished),
        "currently-reading" => nameof(BookCategory.Reading),
        _ => nameof(BookCategory.ToRead),
    };

    /// <summary>A record's cells by column name; an absent column or a blank cell reads as null.</summary>
    private readonly struct Cells(string[] fields, Dictionary<string, int> column)
    {
        public string? this[string name] =>
            column.TryGetValue(name, out var i) && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i] : null;
    }
}
