using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Books;

public sealed class AladinBookDetailTests(AladinAppFactory app) : IClassFixture<AladinAppFactory>
{
    private const string LookUp = "/aladin/ItemLookUp.aspx";

    private readonly ApiClient _client = app.CreateApiClient();

    [Fact]
    public async Task GetBook_UsesItemLookUpWithIsbn13_AndMapsPagesFromSubInfo()
    {
        var result = await _client.GetAsync("/api/v1/books/9788936434595");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var book = result.Data;
        Assert.Equal("9788936434595", book.GetProperty("isbn").GetString());
        Assert.Equal("9788936434595", book.GetProperty("isbn13").GetString());
        Assert.Equal("채식주의자 <리커버>", book.GetProperty("title").GetString());
        Assert.Equal("한강 (지은이)", book.GetProperty("author").GetString());
        Assert.Equal("창비", book.GetProperty("publisher").GetString());
        Assert.Equal("2022-03-28", book.GetProperty("pubDate").GetString());
        Assert.Equal(247, book.GetProperty("totalPages").GetInt32());
        Assert.Equal("국내도서>소설/시/희곡>한국소설>2000년대 이후 한국소설", book.GetProperty("mainGenre").GetString());
        Assert.StartsWith("https://image.aladin.co.kr/", book.GetProperty("coverUrl").GetString(), StringComparison.Ordinal);
        var sent = app.Fake.Last(LookUp);
        Assert.Equal("ISBN13", sent["ItemIdType"]);
        Assert.Equal("JS", sent["Output"]);
        Assert.Equal("20131101", sent["Version"]);
    }

    [Theory]
    [InlineData("ISBN%20978-89-364-3459-5", "9788936434595", "ISBN13")]
    [InlineData("89-364-3459-4", "8936434594", "ISBN")]
    [InlineData("isbn%3A%2089%20364%2034594", "8936434594", "ISBN")]
    public async Task GetBook_CleansPrefixSpacesAndHyphens_BeforeTheLookUp(string raw, string cleaned, string idType)
    {
        var result = await _client.GetAsync("/api/v1/books/" + raw);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("9788936434595", result.Data.GetProperty("isbn13").GetString());
        Assert.True(app.Fake.Count(LookUp, "ItemId", cleaned) >= 1);
        Assert.Equal(idType, app.Fake.Last(LookUp)["ItemIdType"]);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("97889364345951")]
    [InlineData("97889364345X5")]
    [InlineData("X936434594")]
    [InlineData("not-an-isbn")]
    public async Task GetBook_WithMalformedIsbn_Returns400InvalidIsbn_WithoutCallingAladin(string isbn)
    {
        var before = app.Fake.CountPath(LookUp);
        var result = await _client.GetAsync("/api/v1/books/" + isbn);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("INVALID_ISBN", result.ErrorCode);
        Assert.Equal(before, app.Fake.CountPath(LookUp));
    }

    [Fact]
    public async Task GetBook_UnknownToAladin_Returns404BookNotFound()
    {
        var result = await _client.GetAsync("/api/v1/books/9791190000000");

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("BOOK_NOT_FOUND", result.ErrorCode);
    }

    [Fact]
    public async Task GetBook_WhenAladinAnswers500_Returns502_Not500()
    {
        var result = await _client.GetAsync("/api/v1/books/9788999999992");

        Assert.Equal(HttpStatusCode.BadGateway, result.Status);
        Assert.Equal("BOOK_PROVIDER_ERROR", result.ErrorCode);
    }

    [Fact]
    public async Task GetBook_IsCached_SoASecondLookUpDoesNotReachAladin()
    {
        await _client.GetAsync("/api/v1/books/978-8936434595");
        var before = app.Fake.Count(LookUp, "ItemId", "9788936434595");
        var again = await _client.GetAsync("/api/v1/books/9788936434595");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(before, app.Fake.Count(LookUp, "ItemId", "9788936434595"));
    }

    [Fact]
    public async Task EveryIsbnInSearchResults_ResolvesWithGetBook()
    {
        // The earlier system could list books that its own detail endpoint could not find.
        var books = (await _client.GetAsync("/api/v1/books/search?query=resolve")).Data.GetProperty("books");

        Assert.True(books.GetArrayLength() > 0);
        foreach (var book in books.EnumerateArray())
        {
            var isbn = book.GetProperty("isbn").GetString();
            var detail = await _client.GetAsync("/api/v1/books/" + isbn);
            Assert.True(detail.Status == HttpStatusCode.OK, $"{isbn}: {detail}");
            Assert.Equal(isbn, detail.Data.GetProperty("isbn").GetString());
        }
    }
}
