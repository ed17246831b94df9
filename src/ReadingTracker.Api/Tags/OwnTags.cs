using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

public sealed record CreateOwnTagRequest(string? Name, TagCategory? Category);

public sealed record EditOwnTagRequest(string? Name, TagCategory? Category);

/// <summary>
/// POST /tags/mine and PATCH /tags/mine/{code}: a reader's own tags, each a single write of one tags row through the
/// write path (ADR-011). A name is unique per user and category whatever its case; the check before the write answers
/// the common case, and the unique key on both masters answers a concurrent one the same way (409).
/// </summary>
public static class OwnTags
{
    public static async Task<Created<ApiResponse<TagResponse>>> Create(
        CreateOwnTagRequest request, CurrentUser user, OwnTagStore store, DualWriter writer, IdGenerator ids, TimeProvider time,
        CancellationToken ct)
    {
        var v = new Validator().Required(request.Category, "category").Defined(request.Category, "category");
        var name = TagName.Parse(v, request.Name, "name");
        v.ThrowIfInvalid();
        var category = request.Category!.Value;

        var counts = await store.CountAsync(user.Id, category, name!.Key, exceptId: 0, ct);
        if (counts.Taken > 0)
        {
            throw TagErrors.DuplicateName();
        }

        if (counts.Live >= TagLimits.MaxOwnTags)
        {
            throw TagErrors.LimitReached();
        }

        var id = ids.NextId();
        await WriteAsync(writer, TagsTable.InsertOwn(id, user.Id, category, name, time.GetUtcNow().ToUnixTimeMilliseconds()), ct);
        var tag = new TagRow
        {
            Id = id, Category = category.ToString(), Code = TagRow.OwnCode(id), SortOrder = TagRow.OwnSortOrder, IsActive = true,
            OwnerUserId = user.Id, Name = name.Text,
        };
        return TypedResults.Created($"/api/v1/tags/mine/{tag.Code}", new ApiResponse<TagResponse>(true, tag.ToResponse()));
    }

    /// <summary>A new name, a new category, or both. The memos keep their links: a rename touches no memo and no history.</summary>
    public static async Task<Ok<ApiResponse<TagResponse>>> Edit(
        string code, EditOwnTagRequest request, CurrentUser user, OwnTagStore store, DualWriter writer, TimeProvider time,
        CancellationToken ct)
    {
        var v = new Validator().Defined(request.Category, "category");
        var name = request.Name is null ? null : TagName.Parse(v, request.Name, "name");
        if (request.Name is null && request.Category is null)
        {
            v.Add("name", "바꿀 이름이나 분류를 보내주세요.", "Send a new name, a new category, or both.");
        }

        v.ThrowIfInvalid();
        var tag = await FindLiveAsync(store, user.Id, code, ct);
        var category = request.Category ?? tag.CategoryValue;
        name ??= new TagName(tag.Name!, tag.Name!.ToLowerInvariant());
        if ((await store.CountAsync(user.Id, category, name.Key, tag.Id, ct)).Taken > 0)
        {
            throw TagErrors.DuplicateName();
        }

        await WriteAsync(writer, TagsTable.Edit(tag.Id, category, name, time.GetUtcNow().ToUnixTimeMilliseconds()), ct);
        var edited = new TagRow
        {
            Id = tag.Id, Category = category.ToString(), Code = tag.Code, SortOrder = tag.SortOrder, IsActive = true,
            OwnerUserId = user.Id, Name = name.Text,
        };
        return Envelope.Ok(edited.ToResponse());
    }

    /// <summary>The caller's own live tag with this code; anything else (built in, someone else's, deleted) is 404.</summary>
    internal static async Task<TagRow> FindLiveAsync(OwnTagStore store, long userId, string code, CancellationToken ct) =>
        await store.FindAsync(userId, code, ct) is { DeletedAt: null } tag ? tag : throw TagErrors.NotFound();

    private static async Task WriteAsync(DualWriter writer, RowWrite write, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(new WriteBatch().Add(write), ct);
        }
        catch (UniqueViolationException)
        {
            // A concurrent create or rename took the name first: the unique key on (owner, category, name) refused this one.
            throw TagErrors.DuplicateName();
        }
    }
}
