using Dapper;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

/// <summary>Reads of a reader's own tags, each through the failover reader.</summary>
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
}

public sealed class OwnTagCounts
{
    public long Live { get; init; }

    public long Taken { get; init; }
}
