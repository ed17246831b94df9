using ReadingTracker.Api.Http;
using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Transfer;

/// <summary>A memo a file carries, its start already an instant (a day from a CSV is noon of that day in the reader's zone).</summary>
public sealed record ImportedMemo(int PageNumber, string Content, long MemoStartTime, IReadOnlyList<string> Tags, string? ClientId);

/// <summary>One book of an import file, checked and normalised: what its shelf entry and memos become.</summary>
public sealed record ImportedBook(
    int Row, string? Isbn13, BookDescription Book, ShelfFields Fields, long? AddedAt, IReadOnlyList<ImportedMemo> Memos)
{
    /// <summary>Which book of the shelf this is (<see cref="BookIdentity"/>).</summary>
    public string Key { get; } = BookIdentity.Key(Isbn13, Book.Title, Book.Author);
}

/// <summary>A row the import leaves alone, with why.</summary>
public sealed record RowProblem(int Row, string? Title, Text Reason);

/// <summary>A whole file read: its format, the books that passed, the rows that did not.</summary>
public sealed record ParsedImport(string Format, IReadOnlyList<ImportedBook> Books, IReadOnlyList<RowProblem> Failed);

/// <summary>docs/contract.md "Import and export": the answer of POST /imports.</summary>
public sealed record ImportResponse(
    string Format, int Rows, int Imported, int AlreadyOnShelf, int Failed, int MemosImported,
    IReadOnlyList<ImportRowResult> FailedRows, IReadOnlyList<ImportRowResult> AlreadyOnShelfRows, bool ListsTruncated);

public sealed record ImportRowResult(int Row, string? Title, string? Reason);

/// <summary>
/// A file the import refuses as a whole (wrong columns, broken quoting, not text, too many rows): nothing of it is
/// written, and the reason says what to fix.
/// </summary>
public static class ImportErrors
{
    public static ApiException BadFile(string korean, string english) =>
        new(StatusCodes.Status400BadRequest, "IMPORT_FILE_INVALID", new Text(korean, english));

    public static ApiException UnknownFormat() => new(StatusCodes.Status400BadRequest, "IMPORT_FORMAT_UNKNOWN", new Text(
        "알 수 없는 파일 형식입니다. Goodreads 내보내기 CSV(Title, Author, Exclusive Shelf 열), StoryGraph 내보내기 CSV(Title, Authors, Read Status 열) 또는 이 앱의 JSON 내보내기 파일을 올려주세요.",
        "Unknown file format. Upload a Goodreads export CSV (columns Title, Author, Exclusive Shelf), a StoryGraph export CSV (columns Title, Authors, Read Status) or this app's JSON export."));

    public static ApiException Empty() => BadFile("파일이 비어 있습니다.", "The file is empty.");

    public static ApiException TooManyRows(int max) => new(StatusCodes.Status413PayloadTooLarge, "IMPORT_TOO_LARGE", new Text(
        $"한 번에 {max:N0}권까지 가져올 수 있습니다. 파일을 나누어 올려주세요.", $"An import takes at most {max:N0} books. Split the file."));

    public static ApiException FileTooLarge(long bytes) => new(StatusCodes.Status413PayloadTooLarge, "IMPORT_TOO_LARGE", new Text(
        $"파일은 {bytes / 1024 / 1024} MB까지 올릴 수 있습니다.", $"A file may be at most {bytes / 1024 / 1024} MB."));
}
