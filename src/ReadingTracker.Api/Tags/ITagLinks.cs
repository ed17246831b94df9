using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

/// <summary>
/// The links between memos and a tag, as a tag merge or delete rewrites them. The memo feature owns memo_tags and
/// depends on tags, so it supplies this (registered with the memo services) rather than tags writing memo rows itself.
/// </summary>
public interface ITagLinks
{
    /// <summary>
    /// The first <paramref name="limit"/> links of the tag, as writes that move each onto <paramref name="intoTagId"/> —
    /// or drop it, where its memo already carries that tag or there is no target — and whether they are the last ones.
    /// Each write takes its link away from the tag, so the next call reaches the rest.
    /// </summary>
    Task<TagLinkPage> NextPageAsync(long tagId, long? intoTagId, int limit, CancellationToken ct);
}

/// <summary>One page of link writes (each addressed by the link's id) and whether no link of the tag is left beyond them.</summary>
public sealed record TagLinkPage(IReadOnlyList<RowWrite> Writes, bool Last);
