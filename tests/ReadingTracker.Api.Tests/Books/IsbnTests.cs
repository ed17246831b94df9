using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Tests.Books;

public sealed class IsbnTests
{
    [Theory]
    [InlineData("ISBN 978-89-364-3459-5", "9788936434595")]
    [InlineData("isbn:89 364 3459 4", "8936434594")]
    [InlineData("ISBN-13: 978-0-451-52493-5", "9780451524935")]
    [InlineData("ISBN-10 0-452-28424-4", "0452284244")]
    [InlineData("  89-374-6044-x ", "893746044X")]
    [InlineData("978\u20100451524935", "9780451524935")]
    [InlineData(null, "")]
    public void Clean_DropsPrefixWhitespaceAndHyphens(string? raw, string expected) =>
        Assert.Equal(expected, Isbn.Clean(raw));

    [Theory]
    [InlineData("9788936434595", true)]
    [InlineData("893746044X", true)]
    [InlineData("8936434594", true)]
    [InlineData("97889364345X5", false)]
    [InlineData("X936434594", false)]
    [InlineData("89364345", false)]
    [InlineData("978893643459512", false)]
    [InlineData("", false)]
    public void IsWellFormed_Accepts10Or13Digits_WithXOnlyLastInAnIsbn10(string isbn, bool expected) =>
        Assert.Equal(expected, Isbn.IsWellFormed(isbn));

    [Theory]
    [InlineData("9788936434595", true)]
    [InlineData("9788936434596", false)]
    [InlineData("0452284244", true)]
    [InlineData("0452284245", false)]
    public void HasValidCheckDigit_ChecksBothKinds(string isbn, bool expected) =>
        Assert.Equal(expected, Isbn.HasValidCheckDigit(isbn));

    [Theory]
    [InlineData("0452284244", "9780452284241")]
    [InlineData("893746044X", "9788937460449")]
    public void ToIsbn13_RecomputesTheCheckDigit(string isbn10, string isbn13) =>
        Assert.Equal(isbn13, Isbn.ToIsbn13(isbn10));

    [Fact]
    public void Pick_PrefersTheIsbn13_DerivesItFromAnIsbn10_AndGivesUpWithoutAnyIsbn()
    {
        Assert.Equal(("9788936434595", "9788936434595"), Isbn.Pick("8936434594", "9788936434595"));
        Assert.Equal(("9780452284241", "9780452284241"), Isbn.Pick("0452284244", ""));
        Assert.Equal(("9788936434120", "9788936434120"), Isbn.Pick("", "9788936434120"));
        Assert.Null(Isbn.Pick("K392930716", ""));
        Assert.Null(Isbn.Pick(null, null));
    }
}
