using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Tests.Books;

public sealed class BookSearchFilterTests
{
    [Theory]
    [InlineData("TITLE", BookSearchFilter.TITLE)]
    [InlineData("author", BookSearchFilter.AUTHOR)]
    [InlineData("Publisher", BookSearchFilter.PUBLISHER)]
    public void TryParseFilter_AcceptsTheWireNames(string text, BookSearchFilter expected)
    {
        Assert.True(BookSearchApi.TryParseFilter(text, out var filter));
        Assert.Equal(expected, filter);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("ISBN")]
    [InlineData("Keyword")]
    [InlineData("")]
    public void TryParseFilter_RejectsNumbersAndOtherAladinTypes(string text) =>
        Assert.False(BookSearchApi.TryParseFilter(text, out _));
}
