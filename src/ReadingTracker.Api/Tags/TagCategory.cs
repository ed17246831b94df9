namespace ReadingTracker.Api.Tags;

/// <summary>The two tag families of the earlier system (wire values TYPE and TOPIC).</summary>
public enum TagCategory
{
    TYPE,
    TOPIC,
}

/// <summary>A row of the seeded tag catalogue.</summary>
public sealed class TagRow
{
    /// <summary>The fallback tag of each category; its code exists in both (ids 9 and 18).</summary>
    public const string EtcCode = "etc";

    public long Id { get; init; }

    public string Category { get; init; } = nameof(TagCategory.TYPE);

    public string Code { get; init; } = "";

    public int SortOrder { get; init; }

    public bool IsActive { get; init; }

    public TagCategory CategoryValue => Enum.Parse<TagCategory>(Category);
}

public sealed record TagResponse(long Id, TagCategory Category, string Code, int SortOrder, bool IsActive);
