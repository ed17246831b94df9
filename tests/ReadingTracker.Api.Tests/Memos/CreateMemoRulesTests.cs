using Microsoft.Extensions.Time.Testing;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Tags;

namespace ReadingTracker.Api.Tests.Memos;

/// <summary>The one rule set of a memo create, as single create and each batch item use it.</summary>
public sealed class CreateMemoRulesTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private static readonly TagRow[] Catalog =
    [
        new() { Id = 2, Category = "TYPE", Code = "quote", SortOrder = 2, IsActive = true },
        new() { Id = 9, Category = "TYPE", Code = "etc", SortOrder = 99, IsActive = true },
        new() { Id = 10, Category = "TOPIC", Code = "character", SortOrder = 1, IsActive = true },
    ];

    [Fact]
    public void AnEmptyRequest_NamesEveryMissingField_InOneOrder_AndABatchItemAlsoItsClientId()
    {
        var empty = new CreateMemoRequest(null, null, null, null, null, null, null);

        var single = Assert.Throws<ValidationException>(() => CreateMemoRules.Validate(empty, Seoul, Time, clientIdRequired: false));
        var item = Assert.Throws<ValidationException>(() => CreateMemoRules.Validate(empty, Seoul, Time, clientIdRequired: true));

        Assert.Equal(["userBookId", "pageNumber", "memoStartTime", "content"], single.Fields!.Select(f => f.Name));
        Assert.Equal(["userBookId", "pageNumber", "memoStartTime", "clientId", "content"], item.Fields!.Select(f => f.Name));
    }

    [Fact]
    public void AMissingBatchItem_IsOneFieldError()
    {
        var error = Assert.Throws<ValidationException>(() => CreateMemoRules.Validate(null, Seoul, Time, clientIdRequired: true));

        Assert.Equal("memo", Assert.Single(error.Fields!).Name);
    }

    [Fact]
    public void AValidRequest_HasItsClientIdInOneSpelling_AndItsStartTimeReadInTheUsersZone()
    {
        var valid = CreateMemoRules.Validate(Request(clientId: "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"), Seoul, Time, clientIdRequired: true);

        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", valid.ClientId);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), valid.MemoStartTime);
        Assert.Equal(TagCategory.TYPE, valid.TagCategory);
    }

    [Fact]
    public void Build_MakesTheMemoOnTheEntry_WithItsTagsInRequestOrder()
    {
        var valid = CreateMemoRules.Validate(Request(tags: ["character", "quote"]), Seoul, Time, clientIdRequired: false);
        var entry = new ShelfEntryRow { Id = 40, Title = "소년이 온다", Isbn = "9788936434120" };

        var memo = CreateMemoRules.Build(valid, userId: 3, entry, Catalog, new IdGenerator(Time), now: 1000);

        Assert.Equal((3L, 40L, 1, 1000L, 1000L), (memo.Row.UserId, memo.Row.UserBookId, memo.Row.Version, memo.Row.CreatedAt, memo.Row.UpdatedAt));
        Assert.Equal(("소년이 온다", "9788936434120"), (memo.Row.BookTitle, memo.Row.BookIsbn));
        Assert.Equal([10L, 2L], memo.Tags.Select(t => t.TagId));
        Assert.All(memo.Tags, t => Assert.Equal(memo.Row.Id, t.MemoId));
    }

    [Fact]
    public void Build_WithoutTags_GivesTheEtcTag_AndAnUnknownCodeFailsTheMemo()
    {
        var entry = new ShelfEntryRow { Id = 40 };
        var plain = CreateMemoRules.Build(
            CreateMemoRules.Validate(Request(), Seoul, Time, false), 3, entry, Catalog, new IdGenerator(Time), 1000);

        Assert.Equal(9L, Assert.Single(plain.Tags).TagId);
        var unknown = Assert.Throws<ApiException>(() => CreateMemoRules.Build(
            CreateMemoRules.Validate(Request(tags: ["nope"]), Seoul, Time, false), 3, entry, Catalog, new IdGenerator(Time), 1000));
        Assert.Equal("UNKNOWN_TAG", unknown.Code);
    }

    [Fact]
    public void AddNew_InsertsTheMemoItsSearchRowThenItsLinks_StampedWhenTheMemoWasCreated()
    {
        var valid = CreateMemoRules.Validate(Request(tags: ["quote", "character"]), Seoul, Time, clientIdRequired: false);
        var memo = CreateMemoRules.Build(valid, 3, new ShelfEntryRow { Id = 40 }, Catalog, new IdGenerator(Time), now: 1000);

        var writes = new WriteBatch().AddNew(memo).Writes;

        // The memo, its search row (keyed by the memo's id, issue 16), then its links.
        Assert.Equal(["memo", "memo_search", "memo_tags", "memo_tags"], writes.Select(w => w.Table));
        Assert.All(writes, w => Assert.Equal(RowWriteKind.Insert, w.Kind));
        Assert.Equal([memo.Row.Id, memo.Row.Id, .. memo.Tags.Select(t => t.Id)], writes.Select(w => w.Id));
        Assert.All(writes.Skip(2), w => Assert.Equal(1000L, w.Values["created_at"]));
    }

    private static CreateMemoRequest Request(string? clientId = null, IReadOnlyList<string?>? tags = null) =>
        new(40, 12, "a line worth keeping", tags, null, "2026-11-02T10:00:00", clientId);
}
