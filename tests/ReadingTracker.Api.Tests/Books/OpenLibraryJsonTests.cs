using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Tests.Books;

public sealed class OpenLibraryJsonTests
{
    private const string Covers = "https://covers.openlibrary.org/";

    [Theory]
    [InlineData("2008-05-03", "2008-05-03")]
    [InlineData("March 3, 2008", "2008-03-03")]
    [InlineData("May 2008", "2008-05-01")]
    [InlineData("2003", "2003-01-01")]
    [InlineData("c1998.", "1998-01-01")]
    [InlineData("unknown", null)]
    [InlineData(null, null)]
    public void PublishDate_ReadsOpenLibrarysFreeTextDates(string? text, string? expected) =>
        Assert.Equal(expected, OpenLibraryJson.PublishDate(text));

    [Fact]
    public void ReadSearch_PicksAValid13DigitIsbn_AndBuildsTheCoverUrl()
    {
        var raw = """
            {"numFound":1234,"docs":[{"title":"Nineteen Eighty-Four","author_name":["George Orwell"],"publisher":["Signet"],
             "isbn":["9780000000001","0451524934","9780451524935"],"number_of_pages_median":328,"first_publish_year":1949,"cover_i":8575708}]}
            """;

        var page = OpenLibraryJson.ReadSearch(raw, Covers);

        Assert.Equal(1234, page.TotalResults);
        var book = Assert.Single(page.Books);
        Assert.Equal("9780451524935", book.Isbn);
        Assert.Equal("https://covers.openlibrary.org/b/id/8575708-L.jpg", book.CoverUrl);
        Assert.Equal("1949-01-01", book.PubDate);
    }

    [Fact]
    public void ReadEdition_TakesTheDescriptionFromItsTextObject_AndFallsBackToTheRequestedIsbn()
    {
        var raw = """{"title":"T","description":{"type":"/type/text","value":"D"},"publishers":["P"],"number_of_pages":0,"covers":[-1]}""";

        var book = OpenLibraryJson.ReadEdition(raw, "0452284244", null, Covers);

        Assert.NotNull(book);
        Assert.Equal("D", book.Description);
        Assert.Equal("9780452284241", book.Isbn);
        Assert.Null(book.TotalPages);
        Assert.Null(book.CoverUrl);
    }

    [Theory]
    [InlineData("""{"authors":[{"key":"/authors/OL118077A"}]}""", "/authors/OL118077A")]
    [InlineData("""{"authors":[{"key":"http://elsewhere.example/x"}]}""", null)]
    [InlineData("""{"title":"no authors"}""", null)]
    public void FirstAuthorKey_AcceptsOnlyAPlainAuthorKey(string raw, string? expected) =>
        Assert.Equal(expected, OpenLibraryJson.FirstAuthorKey(raw));
}
