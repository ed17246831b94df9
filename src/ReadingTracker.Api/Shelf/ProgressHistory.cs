using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>One change of an entry's progress on the wire: when (the user's local time), from which page (null: none) to which, and what moved it.</summary>
public sealed record ProgressChange(string At, int? FromPage, int ToPage, ProgressSource Source);

public sealed class ProgressHistoryRow
{
    public long Id { get; init; }

    public long At { get; init; }

    public int? FromPage { get; init; }

    public int ToPage { get; init; }

    public string Source { get; init; } = "";
}

/// <summary>GET /user/books/{id}/progress-history: the entry's progress changes, newest first, paged.</summary>
public static class ProgressHistory
{
    public const char CursorKind = 'p';

    public static async Task<Ok<ApiPage<IReadOnlyList<ProgressChange>>>> List(
        long userBookId, int? limit, string? cursor, CurrentUser user, ShelfStore shelf, FailoverReader reader, CancellationToken ct)
    {
        var v = new Validator();
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = PageCursor.Decode(v, cursor, CursorKind, numericKey: true);
        v.ThrowIfInvalid();
        _ = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var rows = await reader.ReadAsync(c => c.QueryAsync<ProgressHistoryRow>(new CommandDefinition(
            "SELECT id, at, from_page, to_page, source FROM progress_history WHERE user_book_id = @userBookId" +
            (after is null ? "" : " AND at <= @afterAt AND (at < @afterAt OR id < @afterId)") +
            " ORDER BY at DESC, id DESC LIMIT @take",
            new { userBookId, afterAt = after?.NumericKey, afterId = after?.Id, take = take + 1 }, cancellationToken: ct)), ct);
        var page = Page<ProgressHistoryRow>.From(rows.AsList(), take,
            r => new PageCursor(CursorKind, r.At.ToString(CultureInfo.InvariantCulture), r.Id));
        IReadOnlyList<ProgressChange> changes =
            [.. page.Items.Select(r => new ProgressChange(WireTime.ToWire(r.At, user.TimeZone), r.FromPage, r.ToPage, Enum.Parse<ProgressSource>(r.Source)))];
        return TypedResults.Ok(new ApiPage<IReadOnlyList<ProgressChange>>(true, changes, page.NextCursor));
    }
}
