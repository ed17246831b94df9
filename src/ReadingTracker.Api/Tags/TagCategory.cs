namespace ReadingTracker.Api.Tags;

/// <summary>The two tag families of the earlier system (wire values TYPE and TOPIC).</summary>
public enum TagCategory
{
    TYPE,
    TOPIC,
}

/// <summary>A row of tags: a seeded catalogue tag (no owner), or a reader's own tag (ADR-011).</summary>
public sealed class TagRow
{
    /// <summary>The fallback tag of each category; its code exists in both (ids 9 and 18).</summary>
    public const string EtcCode = "etc";

    /// <summary>Own tags sort after the built-ins 1–8 and before `etc` (99) of their category.</summary>
    public const int OwnSortOrder = 50;

    public long Id { get; init; }

    public string Category { get; init; } = nameof(TagCategory.TYPE);

    public string Code { get; init; } = "";

    public int SortOrder { get; init; }

    public bool IsActive { get; init; }

    /// <summary>Null for the seeded catalogue.</summary>
    public long? OwnerUserId { get; init; }

    /// <summary>What the reader typed; null for the built-ins, whose labels live in the client.</summary>
    public string? Name { get; init; }

    public long? DeletedAt { get; init; }

    public TagCategory CategoryValue => Enum.Parse<TagCategory>(Category);

    public bool BuiltIn => OwnerUserId is null;

    /// <summary>An own tag's code: made by the server from the row id, so it is unique and never reused.</summary>
    public static string OwnCode(long id) => "u" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether a code has the shape of an own tag's code; no built-in code does.</summary>
    public static bool LooksOwn(string code) =>
        code.Length is > 1 and <= 20 && code[0] == 'u' && code.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    public TagResponse ToResponse() => new(Id, CategoryValue, Code, SortOrder, IsActive, BuiltIn, Name);
}

/// <summary>
/// A tag on the wire (docs/contract.md §3.7): the catalogue's fields, plus whether it is built in and, for an own tag,
/// its name (built-ins answer null: the client translates their codes).
/// </summary>
public sealed record TagResponse(long Id, TagCategory Category, string Code, int SortOrder, bool IsActive, bool BuiltIn, string? Name);
