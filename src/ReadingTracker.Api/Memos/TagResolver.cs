using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Memos;

/// <summary>
/// Turns the tag codes of a memo request into catalogue tags. A code is looked up in the request's
/// tag category first, then in the other one — `etc` exists in both, and the earlier system's
/// single-result lookup failed on it. The catalogue given holds the built-ins and the caller's own tags
/// that the request names (<see cref="TagCatalog.ForCodesAsync"/>); an own code is unique, so its category
/// never decides.
/// </summary>
public static class TagResolver
{
    /// <summary>The tags in request order without duplicates; no codes → the `etc` tag of the category.</summary>
    /// <exception cref="Http.ApiException">UNKNOWN_TAG naming every code that is unknown or inactive; VALIDATION_FAILED on
    /// <c>tags</c> for more distinct codes than a memo may carry.</exception>
    public static IReadOnlyList<TagRow> Resolve(IReadOnlyList<string?>? codes, TagCategory category, IReadOnlyList<TagRow> catalog)
    {
        if (codes is not null && codes.Select(c => c?.Trim()).Distinct(StringComparer.Ordinal).Count() > TagLimits.MaxTagsPerMemo)
        {
            new Http.Validator().Add("tags", $"태그는 메모 하나에 {TagLimits.MaxTagsPerMemo}개까지 붙일 수 있습니다.",
                $"A memo takes at most {TagLimits.MaxTagsPerMemo} tags.").ThrowIfInvalid();
        }

        var active = catalog.Where(t => t.IsActive && t.DeletedAt is null).ToList();
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
