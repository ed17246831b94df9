using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Shelf;

/// <summary>
/// DELETE /user/books/{id}: tombstone the entry and its live memos in one batch. The earlier system's FK
/// cascade removed the memos; tombstones keep both masters in step and let offline clients learn of it.
/// </summary>
public static class RemoveFromShelf
{
    public static async Task<Ok<ApiResponse<MessageResponse>>> Handle(
        long userBookId, CurrentUser user, ShelfStore shelf, IEntryDependents dependents, DualWriter writer, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        _ = await shelf.FindEntryAsync(user.Id, userBookId, ct) ?? throw ShelfErrors.EntryNotFound();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = new WriteBatch();
        await dependents.TombstoneAsync(batch, userBookId, now, ct);
        batch.Add(UserBooksTable.SoftDelete(userBookId, now)).Add(UserBooksTable.NextVersion(userBookId));
        await writer.WriteAsync(batch, ct);
        return Envelope.Message(http, "책이 내 서재에서 제거되었습니다.", "The book was removed from your shelf.");
    }
}
