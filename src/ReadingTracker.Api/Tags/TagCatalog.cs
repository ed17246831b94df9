using Dapper;
using Microsoft.Extensions.Caching.Memory;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

/// <summary>
/// The tag catalogue, read through the failover reader. The built-in part is seeded by migration and changes only
/// with a new migration, yet every memo write and read needs it: it is kept in memory for a while. A reader's own
/// tags (ADR-011) are never cached here: they change with the reader's own writes and are read when a request
/// names one.
/// </summary>
public sealed class TagCatalog(FailoverReader reader, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string CacheKey = "tags:all";

    public const string Columns = "id, category, code, sort_order, is_active, owner_user_id, name, deleted_at";

    /// <summary>Every built-in tag, active or not, in catalogue order (TYPE before TOPIC, then sort order).</summary>
    public async Task<IReadOnlyList<TagRow>> AllAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<TagRow>? cached) && cached is not null)
        {
            return cached;
        }

        var rows = await reader.ReadAsync(c => c.QueryAsync<TagRow>(new CommandDefinition(
            $"SELECT {Columns} FROM tags WHERE owner_user_id IS NULL", cancellationToken: ct)), ct);
        IReadOnlyList<TagRow> ordered = [.. rows.OrderBy(t => t.CategoryValue).ThenBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal)];
        cache.Set(CacheKey, ordered, Lifetime);
        return ordered;
    }

    /// <summary>
    /// The tags a memo write may use: the built-ins, plus those of the user's live own tags that <paramref name="codes"/>
    /// name. A request with built-in codes only (the earlier client's) costs no read beyond the cached catalogue; another
    /// user's code is simply not found, so it is refused like any unknown code.
    /// </summary>
    public async Task<IReadOnlyList<TagRow>> ForCodesAsync(long userId, IEnumerable<string?>? codes, CancellationToken ct)
    {
        var builtIn = await AllAsync(ct);
        // More own codes than a memo may carry are refused by the resolver anyway: the read stays a short list.
        var own = (codes ?? []).Select(c => c?.Trim() ?? "").Where(TagRow.LooksOwn).Distinct(StringComparer.Ordinal)
            .Take(TagLimits.MaxTagsPerMemo + 1).ToList();
        if (own.Count == 0)
        {
            return builtIn;
        }

        var rows = await reader.ReadAsync(c => c.QueryAsync<TagRow>(new CommandDefinition(
            $"SELECT {Columns} FROM tags WHERE owner_user_id = @userId AND deleted_at IS NULL AND code IN @own",
            new { userId, own }, cancellationToken: ct)), ct);
        return [.. builtIn, .. rows];
    }

    /// <summary>
    /// The ids a read's tag filter matches: the built-in with this code — both `etc` tags for `etc` — or the user's live own
    /// tag with this code. Empty when the code is unknown, deleted or another user's.
    /// </summary>
    public async Task<IReadOnlyList<long>> FilterIdsAsync(long userId, string code, CancellationToken ct) =>
        [.. (await ForCodesAsync(userId, [code], ct)).Where(t => t.IsActive && t.DeletedAt is null && t.Code == code).Select(t => t.Id)];
}

public static class TagLimits
{
    /// <summary>Own tags a reader may have at once (deleted ones do not count).</summary>
    public const int MaxOwnTags = 200;

    /// <summary>
    /// Tags on one memo. The earlier client offers the 18 built-ins; the bound keeps a memo's codes within what its
    /// history row stores (memo_history.tags, 1000 characters).
    /// </summary>
    public const int MaxTagsPerMemo = 30;
}
