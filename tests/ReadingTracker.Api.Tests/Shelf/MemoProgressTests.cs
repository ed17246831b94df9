using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Tests.Shelf;

/// <summary>Where a memo's move of the progress leaves the category (docs/contract.md §4.5), and when the last page is reached.</summary>
public sealed class MemoProgressTests
{
    private const BookCategory ToRead = BookCategory.ToRead;
    private const BookCategory Reading = BookCategory.Reading;
    private const BookCategory Almost = BookCategory.AlmostFinished;
    private const BookCategory Finished = BookCategory.Finished;

    [Theory]
    [InlineData(Reading, 100, Reading)]     // 50 %
    [InlineData(Reading, 139, Almost)]      // 69.5 % rounds to 70, as after a detail update
    [InlineData(Reading, 199, Reading)]     // rounds to 100 but is not the last page: unchanged
    [InlineData(Reading, 200, Almost)]      // the last page: capped, never Finished by itself
    [InlineData(Reading, 1, Reading)]       // 0.5 % would send a book back to ToRead; a forward move never does
    [InlineData(ToRead, 150, ToRead)]       // only a book being read follows
    [InlineData(Almost, 200, Almost)]
    [InlineData(Finished, 200, Finished)]
    public void CategoryAt_FollowsReadingOnly_AndStopsAtAlmostFinished(BookCategory current, int page, BookCategory expected) =>
        Assert.Equal(expected, MemoProgress.CategoryAt(current, manuallySet: false, page, totalPages: 200));

    [Fact]
    public void CategoryAt_WithoutAPageCount_LeavesTheCategory() =>
        Assert.Equal(Reading, MemoProgress.CategoryAt(Reading, manuallySet: false, 5000, totalPages: null));

    [Theory]
    [InlineData(200, 200, Almost, true)]
    [InlineData(200, 200, Finished, false)] // a finished book is not asked again
    [InlineData(199, 200, Almost, false)]
    [InlineData(200, null, Reading, false)] // no known length, no last page
    public void ReachedLastPage_IsTheLastPageOfABookNotFinished(int progress, int? totalPages, BookCategory category, bool expected) =>
        Assert.Equal(expected, ProgressResponse.Of(progress, totalPages, category, moved: true).ReachedLastPage);
}
