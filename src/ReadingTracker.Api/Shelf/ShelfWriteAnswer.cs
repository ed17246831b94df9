using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// What a shelf write answers: the message the earlier client shows, the entry as it now stands (with its new version),
/// and, for a late change (ADR-013), <c>conflict</c> true with every value the resolution dropped.
/// </summary>
public sealed record ShelfWriteResponse(string Message, ShelfBook? Book, bool Conflict, IReadOnlyList<LostValue> Lost);

public static class ShelfWriteAnswer
{
    /// <summary>Writes the batch (with the losers kept beside it), then reads the entry back for the answer.</summary>
    public static async Task<Ok<ApiResponse<ShelfWriteResponse>>> WriteAsync(
        DualWriter writer, WriteBatch batch, ShelfEntryRow entry, bool late, IReadOnlyList<LostValue> lost, IdGenerator ids, long now,
        CurrentUser user, ShelfStore shelf, HttpContext http, string korean, string english, CancellationToken ct)
    {
        await writer.WriteAsync(batch.AddLosers(ids, entry, lost, now), ct);
        var stored = await shelf.FindEntryAsync(user.Id, entry.Id, ct);
        return Envelope.Ok(new ShelfWriteResponse(
            Language.Pick(http, korean, english), stored is null ? null : ShelfBook.From(stored, user.TimeZone), late, lost));
    }
}
