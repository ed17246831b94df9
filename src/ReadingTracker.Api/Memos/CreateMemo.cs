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
/// idempotent (SPEC §3): the same (user, clientId) always answers with the first memo, whether the
/// retry comes after it (read) or races it (the unique key on both masters rejects the second insert).
/// </summary>
public static class CreateMemo
{
    public static async Task<Ok<ApiResponse<MemoResponse>>> Handle(
        CreateMemoRequest request, CurrentUser user, MemoStore memos, ShelfStore shelf, TagCatalog catalog,
        DualWriter writer, IdGenerator ids, TimeProvider time, CancellationToken ct)
    {
        var v = new Validator().Required(request.UserBookId, "userBookId").Required(request.PageNumber, "pageNumber")
            .Required(request.MemoStartTime, "memoStartTime").PageNumber(request.PageNumber).Content(request.Content, required: true);
        var startTime = v.MemoStartTime(request.MemoStartTime, user.TimeZone, time);

        var clientId = v.ClientId(request.ClientId);
        v.ThrowIfInvalid();

        if (clientId is not null && await memos.FindByClientIdAsync(user.Id, clientId, ct) is { } first)
        {
            await writer.ConfirmOnBothAsync("memo", [first.Row.Id], ct);
            return Envelope.Ok(first.ToResponse(user.TimeZone));
        }

        var entry = await shelf.FindEntryAsync(user.Id, request.UserBookId!.Value, ct) ?? throw ShelfErrors.EntryNotFound();
        var tags = TagResolver.Resolve(request.Tags, request.TagCategory ?? TagCategory.TYPE, await catalog.AllAsync(ct));

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new MemoRow
        {
            Id = ids.NextId(), UserId = user.Id, UserBookId = entry.Id, ClientId = clientId, PageNumber = request.PageNumber!.Value,
            Content = request.Content!, MemoStartTime = startTime!.Value, Version = 1, CreatedAt = now, UpdatedAt = now,
            BookTitle = entry.Title, BookIsbn = entry.Isbn,
        };
        var links = tags.Select(t => new MemoTagRow
        {
            Id = ids.NextId(), MemoId = row.Id, TagId = t.Id, Code = t.Code, Category = t.Category, SortOrder = t.SortOrder,
        }).ToList();

        var batch = new WriteBatch().Insert("memo", new
        {
            row.Id, row.UserId, row.UserBookId, row.ClientId, row.PageNumber, row.Content, row.MemoStartTime, row.Version,
            row.CreatedAt, row.UpdatedAt,
        });
        foreach (var link in links)
        {
            batch.Insert("memo_tags", new { link.Id, link.MemoId, link.TagId, CreatedAt = now });
        }

        try
        {
            await writer.WriteAsync(batch, ct);
        }
        catch (UniqueViolationException) when (clientId is not null)
        {
            // The same clientId was inserted by a concurrent request (the other tab, the service worker).
            if (await memos.FindByClientIdAsync(user.Id, clientId, ct) is { } winner)
            {
                await writer.ConfirmOnBothAsync("memo", [winner.Row.Id], ct);
                return Envelope.Ok(winner.ToResponse(user.TimeZone));
            }

            throw;
        }

        return Envelope.Ok(new Memo(row, links).ToResponse(user.TimeZone));
    }
}
