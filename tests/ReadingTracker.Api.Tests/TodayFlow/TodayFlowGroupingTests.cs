using ReadingTracker.Api.Memos;
using ReadingTracker.Api.Tags;
using ReadingTracker.Api.TodayFlow;

namespace ReadingTracker.Api.Tests.TodayFlow;

public sealed class TodayFlowGroupingTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly long Nine = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly MemoTagRow Summary = Link("TYPE", "summary", 1);
    private static readonly MemoTagRow Quote = Link("TYPE", "quote", 2);
    private static readonly MemoTagRow TypeEtc = Link("TYPE", "etc", 99);
    private static readonly MemoTagRow Character = Link("TOPIC", "character", 1);
    private static readonly MemoTagRow Plot = Link("TOPIC", "plot", 2);
    private static readonly MemoTagRow TopicEtc = Link("TOPIC", "etc", 99);

    [Theory]
    [InlineData(TagCategory.TYPE, "summary")]
    [InlineData(TagCategory.TOPIC, "character")]
    public void Representative_IsTheLowestSortOrderOfTheChosenCategory(TagCategory category, string expected) =>
        Assert.Equal(expected, TodayFlowGrouping.Representative(Memo(1, 10, 0, Plot, Quote, Character, Summary), category).Code);

    [Fact]
    public void Representative_FallsBackToTheOtherCategory_ThenToEtc()
    {
        Assert.Equal(("plot", 2, true), TodayFlowGrouping.Representative(Memo(1, 10, 0, Plot), TagCategory.TYPE));
        Assert.Equal("etc", TodayFlowGrouping.Representative(Memo(1, 10, 0), TagCategory.TYPE).Code);
        Assert.Equal("etc", TodayFlowGrouping.Representative(Memo(1, 10, 0, TopicEtc), TagCategory.TYPE).Code);
    }

    [Fact]
    public void TagMode_OrdersGroupsBySortOrder_ChosenCategoryFirstOnATie_EtcLast()
    {
        var memos = new[]
        {
            Memo(1, 10, 0, TypeEtc), Memo(2, 10, 1, Plot), Memo(3, 20, 2, Quote), Memo(4, 20, 3, Summary), Memo(5, 10, 4, TopicEtc),
        };
        var flow = TodayFlowGrouping.Build("2026-11-02", FlowSortBy.TAG, TagCategory.TYPE, memos, Seoul);

        Assert.Null(flow.MemosByBook);
        Assert.Null(flow.Sessions);
        Assert.Equal(["summary", "quote", "plot", "etc"], flow.MemosByTag!.Keys);
        Assert.Equal(2, flow.MemosByTag!["etc"].MemoCount);
        Assert.Equal([1L, 5L], flow.MemosByTag!["etc"].MemosByBook["10"].Memos.Select(m => m.Id));
        Assert.Equal(5, flow.TotalMemoCount);
    }

    [Fact]
    public void SessionMode_OrdersByTime_GroupsBooksByFirstMemo_AndSplitsSessionsOnBookChange()
    {
        // Given out of order on purpose: the grouping sorts by memo start time.
        var memos = new[] { Memo(4, 10, 30), Memo(1, 20, 0), Memo(3, 10, 20), Memo(2, 10, 10), Memo(5, 20, 40) };
        var flow = TodayFlowGrouping.Build("2026-11-02", FlowSortBy.SESSION, TagCategory.TYPE, memos, Seoul);

        Assert.Null(flow.MemosByTag);
        Assert.Equal(["20", "10"], flow.MemosByBook!.Keys);
        Assert.Equal([1L, 5L], flow.MemosByBook["20"].Memos.Select(m => m.Id));
        Assert.Equal(3, flow.MemosByBook["10"].MemoCount);
        Assert.Equal([20L, 10L, 20L], flow.Sessions!.Select(s => s.UserBookId));
        Assert.Equal([2L, 3L, 4L], flow.Sessions![1].Memos.Select(m => m.Id));
        Assert.Equal(5, flow.TotalMemoCount);
    }

    [Fact]
    public void BookMode_HasNoSessions_AndAnEmptyDayIsEmpty()
    {
        var flow = TodayFlowGrouping.Build("2026-11-02", FlowSortBy.BOOK, TagCategory.TYPE, [Memo(1, 10, 0)], Seoul);
        Assert.Null(flow.Sessions);
        Assert.Single(flow.MemosByBook!);

        var empty = TodayFlowGrouping.Build("2026-11-02", FlowSortBy.TAG, TagCategory.TOPIC, [], Seoul);
        Assert.Empty(empty.MemosByTag!);
        Assert.Equal(0, empty.TotalMemoCount);
    }

    private static Memo Memo(long id, long userBookId, int minutes, params MemoTagRow[] tags) => new(
        new MemoRow
        {
            Id = id, UserBookId = userBookId, PageNumber = 1, Content = "c", MemoStartTime = Nine + (minutes * 60_000L),
            Version = 1, CreatedAt = Nine, UpdatedAt = Nine, BookTitle = "Book " + userBookId,
        },
        tags);

    private static MemoTagRow Link(string category, string code, int sortOrder) => new() { Category = category, Code = code, SortOrder = sortOrder };
}
