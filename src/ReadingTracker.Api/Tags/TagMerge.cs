using Microsoft.AspNetCore.Http.HttpResults;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

public sealed record MergeOwnTagRequest(string? Into);

/// <summary>
/// POST /tags/mine/{code}/merge and DELETE /tags/mine/{code}: the tag leaves every memo — moved onto another tag, or
/// dropped — and then becomes a tombstone. Memos, their versions and their history stay as they are (ADR-011).
/// <para>
/// A tag may sit on thousands of memos, so its links are handled a page at a time: each page is one batch through
/// the write path, complete in itself (every memo of the page ends with the target tag once, or without the tag), and
/// the page that holds the last links also carries the tombstone. A tag on at most <see cref="LinksPerBatch"/> memos
/// is therefore merged or deleted in exactly one batch; a larger one in several, and a failure between them leaves the
/// tag live on the memos not reached yet — the retry finishes the work. Nothing is half-written at any point.
/// </para>
/// </summary>
public static class TagMerge
{
    /// <summary>Links moved or dropped per batch: each costs a before-image read on Primary inside the transaction.</summary>
    public const int LinksPerBatch = 200;

    public static async Task<Ok<ApiResponse<TagResponse>>> Merge(
        string code, MergeOwnTagRequest request, CurrentUser user, OwnTagStore store, TagCatalog catalog, ITagLinks links, DualWriter writer,
        TimeProvider time, CancellationToken ct)
    {
        new Validator().Required(request.Into, "into").ThrowIfInvalid();
        var into = request.Into!.Trim();
        var source = await OwnTags.FindLiveAsync(store, user.Id, code, ct);
        var v = new Validator();
        if (into == source.Code)
        {
            v.Add("into", "같은 태그로는 합칠 수 없습니다.", "A tag cannot be merged into itself.");
        }

        var target = v.IsValid ? await FindTargetAsync(into, source, user.Id, store, catalog, ct) : null;
        if (v.IsValid && target is null)
        {
            v.Add("into", $"합칠 태그를 찾을 수 없습니다: {into}", $"No tag to merge into: {into}");
        }

        v.ThrowIfInvalid();
        await EmptyAsync(source, target, links, writer, time, ct);
        return Envelope.Ok(target!.ToResponse());
    }

    /// <summary>A repeated delete of your own tag is 200, like a memo's; an unknown, built-in or foreign code is 404.</summary>
    public static async Task<Ok<ApiResponse<MessageResponse>>> Delete(
        string code, CurrentUser user, OwnTagStore store, ITagLinks links, DualWriter writer, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var tag = await store.FindAsync(user.Id, code, ct) ?? throw TagErrors.NotFound();
        if (tag.DeletedAt is null)
        {
            await EmptyAsync(tag, into: null, links, writer, time, ct);
        }

        return Envelope.Message(http, "태그가 삭제되었습니다.", "The tag was deleted.");
    }

    /// <summary>
    /// Another of the caller's live own tags, or a built-in of either category — `etc`, which both have, is the one of
    /// the source's category.
    /// </summary>
    private static async Task<TagRow?> FindTargetAsync(string into, TagRow source, long userId, OwnTagStore store, TagCatalog catalog, CancellationToken ct)
    {
        if (TagRow.LooksOwn(into))
        {
            return await store.FindAsync(userId, into, ct) is { DeletedAt: null } own ? own : null;
        }

        var builtIn = (await catalog.AllAsync(ct)).Where(t => t.IsActive && t.Code == into).ToList();
        return builtIn.FirstOrDefault(t => t.Category == source.Category) ?? builtIn.FirstOrDefault();
    }

    /// <summary>Moves (or, without a target, drops) every link of <paramref name="tag"/>, a page per batch, the last with the tombstone.</summary>
    private static async Task EmptyAsync(TagRow tag, TagRow? into, ITagLinks links, DualWriter writer, TimeProvider time, CancellationToken ct)
    {
        var seen = new HashSet<long>();
        while (true)
        {
            var page = await links.NextPageAsync(tag.Id, into?.Id, LinksPerBatch, ct);
            var batch = new WriteBatch();
            foreach (var write in page.Writes)
            {
                if (!seen.Add(write.Id))
                {
                    // A link this request already moved or dropped is read again: the write did not take. Never loop on it.
                    throw new InvalidOperationException($"Link {write.Id} of tag {tag.Id} is still there after it was written.");
                }

                batch.Add(write);
            }

            if (page.Last)
            {
                batch.Add(TagsTable.SoftDelete(tag.Id, time.GetUtcNow().ToUnixTimeMilliseconds()));
            }

            await writer.WriteAsync(batch, ct);
            if (page.Last)
            {
                return;
            }
        }
    }
}
