using System.Text.Json.Serialization;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

/// <summary>
/// docs/contract.md §3.5 MemoResponse, plus the memo's <c>clientId</c> and <c>version</c>, and
/// <c>conflict</c> on an update that overwrote a newer version than the client had seen, and on create and update answers
/// <c>progress</c>: where the memo's entry's reading progress stands after the write (§4.5; absent on reads and on a
/// retried create that answers the stored memo).
/// </summary>
public sealed record MemoResponse(
    long Id,
    long UserBookId,
    string BookTitle,
    string? BookIsbn,
    int PageNumber,
    string Content,
    IReadOnlyList<string> Tags,
    string MemoStartTime,
    string CreatedAt,
    string UpdatedAt,
    string? ClientId,
    int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Conflict = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProgressResponse? Progress = null);

/// <summary>A memo row joined with the title and ISBN of its shelf entry's book.</summary>
public sealed class MemoRow
{
    public long Id { get; init; }

    public long UserId { get; init; }

    public long UserBookId { get; init; }

    public string? ClientId { get; init; }

    public int PageNumber { get; init; }

    public string Content { get; init; } = "";

    public long MemoStartTime { get; init; }

    public int Version { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public long? DeletedAt { get; init; }

    public string BookTitle { get; init; } = "";

    public string? BookIsbn { get; init; }
}

/// <summary>A memo_tags link with the tag it points to.</summary>
public sealed class MemoTagRow
{
    public long Id { get; init; }

    public long MemoId { get; init; }

    public long TagId { get; init; }

    public string Code { get; init; } = "";

    public string Category { get; init; } = nameof(TagCategory.TYPE);

    public int SortOrder { get; init; }
}

/// <summary>A memo with its tags, in the order they were given.</summary>
public sealed record Memo(MemoRow Row, IReadOnlyList<MemoTagRow> Tags)
{
    public MemoResponse ToResponse(TimeZoneInfo zone, bool? conflict = null, ProgressResponse? progress = null) => new(
        Row.Id, Row.UserBookId, Row.BookTitle, Row.BookIsbn, Row.PageNumber, Row.Content,
        [.. Tags.Select(t => t.Code)],
        WireTime.ToWire(Row.MemoStartTime, zone), WireTime.ToWire(Row.CreatedAt, zone), WireTime.ToWire(Row.UpdatedAt, zone),
        Row.ClientId, Row.Version, conflict, progress);
}
