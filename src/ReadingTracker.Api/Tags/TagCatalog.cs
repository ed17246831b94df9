using Dapper;
using Microsoft.Extensions.Caching.Memory;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Tags;

/// <summary>
/// The tag catalogue, read through the failover reader and kept in memory for a while: it is seeded
/// by migration and changes only with a new migration, yet every memo write and read needs it.
/// </summary>
public sealed class TagCatalog(FailoverReader reader, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const string CacheKey = "tags:all";

    /// <summary>Every tag, active or not, in catalogue order (TYPE before TOPIC, then sort order).</summary>
    public async Task<IReadOnlyList<TagRow>> AllAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<TagRow>? cached) && cached is not null)
        {
            return cached;
        }

        var rows = await reader.ReadAsync(c => c.QueryAsync<TagRow>(new CommandDefinition(
            "SELECT id, category, code, sort_order, is_active FROM tags", cancellationToken: ct)), ct);
        IReadOnlyList<TagRow> ordered = [.. rows.OrderBy(t => t.CategoryValue).ThenBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal)];
        cache.Set(CacheKey, ordered, Lifetime);
        return ordered;
    }
}
