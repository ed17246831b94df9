using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

public sealed record CreateMemoRequest(
    long? UserBookId, int? PageNumber, string? Content, IReadOnlyList<string?>? Tags, TagCategory? TagCategory,
    string? MemoStartTime, string? ClientId);

/// <summary>
/// POST /memos: a memo on one of the user's shelf entries. With a clientId the create is naturally
/// idempotent (docs/contract.md §7.2): the same (user, clientId) always answers with the first memo, whether the
/// retry comes after it (read) or races it (the unique key on both masters rejects the second insert).
/// </summary>
public static class CreateMemo
{
    public static async Task<Ok<ApiResponse<MemoResponse>>> Handle(
        CreateMemoRequest request, CurrentUser user, MemoStore memos, ShelfStore shelf, TagCatalog catalog,
        DualWriter writer, IdGenerator ids, TimeProvider time, CancellationToken ct)
    {
        var valid = CreateMemoRules.Validate(request, user.TimeZone, time, clientIdRequired: false);
        var clientId = valid.ClientId;
        // With a clientId, the retry check and the entry come in one read.
        var (first, found) = clientId is null
            ? (null, await shelf.FindEntryAsync(user.Id, valid.UserBookId, ct))
            : await memos.FindForCreateAsync(user.Id, clientId, valid.UserBookId, ct);
        if (first is not null)
        {
            await writer.ConfirmOnBothAsync(MemoTable.Table.Name, [first.Row.Id], ct);
            return Envelope.Ok(first.ToResponse(user.TimeZone));
        }

        var entry = found ?? throw ShelfErrors.EntryNotFound();
        var memo = CreateMemoRules.Build(valid, user.Id, entry, await catalog.ForCodesAsync(user.Id, valid.Tags, ct), ids, time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            await writer.WriteAsync(new WriteBatch().AddNew(memo), ct);
        }
        catch (UniqueViolationException) when (clientId is not null)
        {
            // The same clientId was inserted by a concurrent request (the other tab, the service worker).
            if (await memos.FindByClientIdAsync(user.Id, clientId, ct) is { } winner)
            {
                await writer.ConfirmOnBothAsync(MemoTable.Table.Name, [winner.Row.Id], ct);
                return Envelope.Ok(winner.ToResponse(user.TimeZone));
            }

            throw;
        }

        return Envelope.Ok(memo.ToResponse(user.TimeZone));
    }
}
