using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Memos;

/// <summary>
/// DELETE /memos/{id}: a soft delete (docs/contract.md §5.4 — a tombstone offline clients can learn about). Idempotent:
/// the tombstone tells a retried delete of your own memo apart from a memo that never was yours, so a
/// retry answers 200 while an unknown id and another user's memo both answer 404 (no existence leak).
/// </summary>
public static class DeleteMemo
{
    public static async Task<Ok<ApiResponse<MessageResponse>>> Handle(
        long memoId, CurrentUser user, MemoStore memos, DualWriter writer, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var memo = await memos.FindOwnerAsync(memoId, ct);
        if (memo is null || memo.UserId != user.Id)
        {
            throw MemoErrors.NotFound();
        }

        if (memo.DeletedAt is null)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await writer.WriteAsync(new WriteBatch().Add(MemoTable.SoftDelete(memo.Id, now)), ct);
        }

        return Envelope.Message(http, "메모가 삭제되었습니다.", "The memo was deleted.");
    }
}
