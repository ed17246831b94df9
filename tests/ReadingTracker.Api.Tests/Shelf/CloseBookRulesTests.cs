using ReadingTracker.Api.Shelf;

namespace ReadingTracker.Api.Tests.Shelf;

/// <summary>Closing the book (docs/contract.md §4.3) on raw (unrounded) percentages, with the earlier server's gaps closed.</summary>
public sealed class CloseBookRulesTests
{
    [Theory]
    [InlineData(1, 1000, BookCategory.Reading)]          // 0.1 %: the earlier server said Finished
    [InlineData(10, 1000, BookCategory.Reading)]         // 1 %
    [InlineData(800, 1000, BookCategory.Reading)]        // 80 %
    [InlineData(805, 1000, BookCategory.Reading)]        // 80.5 %: gap, earlier Finished
    [InlineData(810, 1000, BookCategory.AlmostFinished)] // 81 %
    [InlineData(990, 1000, BookCategory.AlmostFinished)] // 99 %
    [InlineData(999, 1000, BookCategory.AlmostFinished)] // 99.9 %: gap, earlier Finished
    [InlineData(1000, 1000, BookCategory.Finished)]
    public void KnownLength_DecidesByTheRawPercent(int page, int total, BookCategory expected)
    {
        Assert.Equal(expected, CloseBookRules.CategoryAfterClose(BookCategory.ToRead, page, total));
        Assert.Equal(expected, CloseBookRules.CategoryAfterClose(BookCategory.Finished, page, total));
    }

    [Theory]
    [InlineData(BookCategory.ToRead)]
    [InlineData(BookCategory.Reading)]
    [InlineData(BookCategory.AlmostFinished)]
    [InlineData(BookCategory.Finished)]
    public void UnknownLength_KeepsTheCategory(BookCategory current)
    {
        Assert.Equal(current, CloseBookRules.CategoryAfterClose(current, 50, null));
        Assert.Equal(current, CloseBookRules.CategoryAfterClose(current, 50, 0));
    }
}
