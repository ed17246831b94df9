using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

/// <summary>
/// Turns the tag codes of a memo request into catalogue tags. A code is looked up in the request's
/// tag category first, then in the other one — `etc` exists in both, and the earlier system's
/// single-result lookup failed on it.
/// </summary>
public static class TagResolver
{
    /// <summary>The tags in request order without duplicates; no codes → the `etc` tag of the category.</summary>
    /// <exception cref="Http.ApiException">UNKNOWN_TAG naming every code that is unknown or inactive.</exception>
    public static IReadOnlyList<TagRow> Resolve(IReadOnlyList<string?>? codes, TagCategory category, IReadOnlyList<TagRow> catalog)
    {
        var active = catalog.Where(t => t.IsActive).ToList();
        if (codes is null || codes.Count == 0)
        {
            return [Find(active, TagRow.EtcCode, category) ?? throw MemoErrors.UnknownTag([TagRow.EtcCode])];
        }

        var other = category == TagCategory.TYPE ? TagCategory.TOPIC : TagCategory.TYPE;
        var resolved = new List<TagRow>();
        var unknown = new List<string>();
        foreach (var raw in codes)
        {
            var code = raw?.Trim() ?? "";
            var tag = Find(active, code, category) ?? Find(active, code, other);
            if (tag is null)
            {
                unknown.Add(code);
            }
            else if (!resolved.Any(t => t.Id == tag.Id))
            {
                resolved.Add(tag);
            }
        }

        return unknown.Count > 0 ? throw MemoErrors.UnknownTag(unknown) : resolved;
    }

    private static TagRow? Find(List<TagRow> tags, string code, TagCategory category) =>
        tags.FirstOrDefault(t => t.CategoryValue == category && string.Equals(t.Code, code, StringComparison.Ordinal));
}
