using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// One value a late shelf change's resolution dropped, on the wire: its id (cursor order), when (the user's local time),
/// which field, the value that lost and the one kept (wire text; null for none), and whose value lost.
/// </summary>
public sealed record ShelfConflict(long Id, string At, string Field, string? Lost, string? Kept, ConflictLoser Loser);

public sealed class ShelfConflictRow
{
    public long Id { get; init; }

    public long At { get; init; }

    public string Field { get; init; } = "";

    public string? LostValue { get; init; }

    public string? KeptValue { get; init; }

    public string Loser { get; init; } = "";
}

/// <summary>GET /user/books/{id}/conflicts: what late changes of the entry replaced (shelf_conflicts), newest first, paged.</summary>
public static class ShelfConflictReads
{
    public const char CursorKind = 'c';

    public static async Task<Ok<ApiPage<IReadOnlyList<ShelfConflict>>>> List(
        long userBookId, int? limit, string? cursor, CurrentUser user, ShelfStore shelf, FailoverReader reader, CancellationToken ct)
    {
        var v = new Validator();
        var take = Paging.Limit(v, limit, PageSize.Lists);
        var after = PageCursor.Decode(v, cursor, CursorKind, numericKey: true);
        v.ThrowIfInvalid();
        _ = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var rows = await reader.ReadAsync(c => c.QueryAsync<ShelfConflictRow>(new CommandDefinition(
            "SELECT id, at, field, lost_value, kept_value, loser FROM shelf_conflicts WHERE user_book_id = @userBookId AND user_id = @userId" +
            (after is null ? "" : " AND at <= @afterAt AND (at < @afterAt OR id < @afterId)") +
            " ORDER BY at DESC, id DESC LIMIT @take",
            new { userBookId, userId = user.Id, afterAt = after?.NumericKey, afterId = after?.Id, take = take + 1 }, cancellationToken: ct)), ct);
        var page = Page<ShelfConflictRow>.From(rows.AsList(), take,
            r => new PageCursor(CursorKind, r.At.ToString(CultureInfo.InvariantCulture), r.Id));
        IReadOnlyList<ShelfConflict> conflicts =
        [
            .. page.Items.Select(r => new ShelfConflict(
                r.Id, WireTime.ToWire(r.At, user.TimeZone), r.Field, r.LostValue, r.KeptValue, Enum.Parse<ConflictLoser>(r.Loser))),
        ];
        return TypedResults.Ok(new ApiPage<IReadOnlyList<ShelfConflict>>(true, conflicts, page.NextCursor));
    }
}
