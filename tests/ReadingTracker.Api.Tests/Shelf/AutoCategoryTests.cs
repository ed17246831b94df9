using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Tests.Shelf;

/// <summary>The category follows the progress (docs/contract.md §4.2), branch by branch.</summary>
public sealed class AutoCategoryTests
{
    private const BookCategory ToRead = BookCategory.ToRead;
    private const BookCategory Reading = BookCategory.Reading;
    private const BookCategory Almost = BookCategory.AlmostFinished;
    private const BookCategory Finished = BookCategory.Finished;

    [Theory]
    [InlineData(Reading, 0, ToRead)]
    [InlineData(Almost, 0, ToRead)]
    [InlineData(Almost, 1, Reading)]        // 0.5 % rounds half up to 1
    [InlineData(Reading, 138, Reading)]     // 69 %
    [InlineData(Almost, 100, Reading)]
    [InlineData(Reading, 139, Almost)]      // 69.5 % rounds to 70
    [InlineData(Reading, 140, Almost)]      // 70 %
    [InlineData(Reading, 198, Almost)]      // 99 %
    [InlineData(Almost, 200, Finished)]     // the last page
    [InlineData(Reading, 199, Reading)]     // 99.5 % rounds to 100 but is not the last page: unchanged
    [InlineData(Almost, 199, Almost)]
    public void NotChosenByHand_FollowsTheProgress(BookCategory current, int progress, BookCategory expected) =>
        Assert.Equal(expected, AutoCategory.Decide(current, manuallySet: false, progress, totalPages: 200));

    [Theory]
    [InlineData(Reading, 0, Reading)]       // a hand-chosen Reading stays at 0 %
    [InlineData(Almost, 0, Almost)]         // and so does any hand-chosen state: "otherwise unchanged"
    [InlineData(Almost, 1, Reading)]
    [InlineData(Almost, 138, Reading)]      // 69 %
    [InlineData(Reading, 140, Almost)]      // 70 %
    [InlineData(Reading, 198, Almost)]      // 99 %
    [InlineData(Reading, 200, Finished)]
    [InlineData(Reading, 199, Reading)]
    public void ChosenByHand_FollowsTheProgress_ButNeverBackToToRead(BookCategory current, int progress, BookCategory expected) =>
        Assert.Equal(expected, AutoCategory.Decide(current, manuallySet: true, progress, totalPages: 200));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void UnknownTotalPages_LeavesTheCategory(int? totalPages)
    {
        Assert.Equal(Reading, AutoCategory.Decide(Reading, manuallySet: false, progress: 0, totalPages));
        Assert.Equal(Almost, AutoCategory.Decide(Almost, manuallySet: true, progress: 500, totalPages));
    }

    [Fact]
    public void UnknownProgress_LeavesTheCategory() =>
        Assert.Equal(Reading, AutoCategory.Decide(Reading, manuallySet: false, progress: null, totalPages: 200));

    [Theory]
    [InlineData(ToRead)]
    [InlineData(Finished)]
    public void OnlyBooksBeingRead_AreMoved(BookCategory current)
    {
        Assert.Equal(current, AutoCategory.Decide(current, manuallySet: false, progress: 100, totalPages: 200));
        Assert.Equal(current, AutoCategory.Decide(current, manuallySet: false, progress: 0, totalPages: 200));
        Assert.Equal(current, AutoCategory.Decide(current, manuallySet: true, progress: 200, totalPages: 200));
    }
}
