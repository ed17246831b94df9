using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

/// <summary>Reads of a reader's own tags and of their links, each through the failover reader.</summary>
public sealed class OwnTagStore(FailoverReader reader)
{
    private const string Select = "SELECT " + TagCatalog.Columns + " FROM tags";

    /// <summary>The user's live own tags (at most <see cref="TagLimits.MaxOwnTags"/>), oldest first.</summary>
    public async Task<IReadOnlyList<TagRow>> ListAsync(long userId, CancellationToken ct) =>
        (await reader.ReadAsync(c => c.QueryAsync<TagRow>(new CommandDefinition(
            Select + " WHERE owner_user_id = @userId AND deleted_at IS NULL ORDER BY id",
            new { userId }, cancellationToken: ct)), ct)).AsList();

    /// <summary>The user's own tag with this code, deleted or not; null when it is unknown, built in or someone else's.</summary>
    public Task<TagRow?> FindAsync(long userId, string code, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleOrDefaultAsync<TagRow>(new CommandDefinition(
            Select + " WHERE owner_user_id = @userId AND code = @code", new { userId, code }, cancellationToken: ct)), ct);

    /// <summary>
    /// How many live own tags the user has, and whether one other than <paramref name="exceptId"/> already has this name
    /// key in this category — one round trip for both checks of a create or an edit.
    /// </summary>
    public Task<OwnTagCounts> CountAsync(long userId, TagCategory category, string nameKey, long exceptId, CancellationToken ct) =>
        reader.ReadAsync(c => c.QuerySingleAsync<OwnTagCounts>(new CommandDefinition(
            "SELECT COUNT(*) AS live, COALESCE(SUM(CASE WHEN category = @category AND name_key = @nameKey AND id <> @exceptId THEN 1 ELSE 0 END), 0) AS taken " +
            "FROM tags WHERE owner_user_id = @userId AND deleted_at IS NULL",
            new { userId, category = category.ToString(), nameKey, exceptId }, cancellationToken: ct)), ct);

    /// <summary>
    /// The first <paramref name="limit"/> links of a tag (by link id), each with the id of the same memo's link to
    /// <paramref name="intoTagId"/> when it has one (a merge drops such a link instead of moving it). Merges and deletes
    /// take the links away as they go, so reading the first page again reaches the rest.
    /// </summary>
    public async Task<IReadOnlyList<TagLinkRow>> LinksAsync(long tagId, long? intoTagId, int limit, CancellationToken ct) =>
        (await reader.ReadAsync(c => c.QueryAsync<TagLinkRow>(new CommandDefinition(
            "SELECT s.id, s.memo_id, (SELECT i.id FROM memo_tags i WHERE i.memo_id = s.memo_id AND i.tag_id = @intoTagId) AS into_link_id " +
            "FROM memo_tags s WHERE s.tag_id = @tagId ORDER BY s.id LIMIT @limit",
            new { tagId, intoTagId, limit }, cancellationToken: ct)), ct)).AsList();
}

public sealed class OwnTagCounts
{
    public long Live { get; init; }

    public long Taken { get; init; }
}

public sealed class TagLinkRow
{
    public long Id { get; init; }

    public long MemoId { get; init; }

    public long? IntoLinkId { get; init; }
}
