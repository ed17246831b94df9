using ReadingTracker.Api.Http;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Tests.Memos;

public sealed class TagResolverTests
{
    private static readonly TagRow[] Catalog =
    [
        Tag(1, "TYPE", "summary", 1), Tag(2, "TYPE", "quote", 2), Tag(9, "TYPE", "etc", 99),
        Tag(10, "TOPIC", "character", 1), Tag(18, "TOPIC", "etc", 99), Tag(20, "TOPIC", "retired", 5, active: false),
    ];

    [Theory]
    [InlineData(TagCategory.TYPE, 9)]
    [InlineData(TagCategory.TOPIC, 18)]
    public void NoTags_GiveTheEtcTagOfTheCategory(TagCategory category, long expectedId)
    {
        Assert.Equal(expectedId, Assert.Single(TagResolver.Resolve(null, category, Catalog)).Id);
        Assert.Equal(expectedId, Assert.Single(TagResolver.Resolve([], category, Catalog)).Id);
    }

    [Theory]
    [InlineData(TagCategory.TYPE, 9)]
    [InlineData(TagCategory.TOPIC, 18)]
    public void ExplicitEtc_ResolvesWithinTheRequestCategory(TagCategory category, long expectedId)
    {
        // Regression: `etc` is in both categories, and the earlier system's lookup was ambiguous (docs/contract.md §5.2).
        Assert.Equal(expectedId, Assert.Single(TagResolver.Resolve(["etc"], category, Catalog)).Id);
    }

    [Fact]
    public void CodeOfTheOtherCategory_IsFound_AndDuplicatesCollapse_KeepingRequestOrder()
    {
        var tags = TagResolver.Resolve(["character", "quote", "character"], TagCategory.TYPE, Catalog);
        Assert.Equal([10L, 2L], tags.Select(t => t.Id));
    }

    [Fact]
    public void UnknownOrInactiveCodes_AreOneUnknownTagError_NamingTags()
    {
        var error = Assert.Throws<ApiException>(() => TagResolver.Resolve(["quote", "nope", "retired", null], TagCategory.TYPE, Catalog));
        Assert.Equal("UNKNOWN_TAG", error.Code);
        Assert.Equal(400, error.Status);
        var field = Assert.Single(error.Fields!);
        Assert.Equal("tags", field.Name);
        Assert.Contains("nope", field.Reason.English, StringComparison.Ordinal);
        Assert.Contains("retired", field.Reason.English, StringComparison.Ordinal);
    }

    private static TagRow Tag(long id, string category, string code, int sortOrder, bool active = true) =>
        new() { Id = id, Category = category, Code = code, SortOrder = sortOrder, IsActive = active };
}
