using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Tests.Books;

public sealed class AladinJsonTests
{
    private const string Item = """{"title":"채식주의자 &lt;리커버&gt;","author":"한강 (지은이)","pubDate":"2022-03-28","isbn":"8936434594","isbn13":"9788936434595","priceSales":13500,"priceStandard":15000,"cover":"https://image.aladin.co.kr/c.jpg","categoryName":"국내도서>소설","publisher":"창비","subInfo":{"itemPage":247}}""";

    [Theory]
    [InlineData("{\"a\":1};", "{\"a\":1}")]
    [InlineData("  {\"a\":1} ;\n", "{\"a\":1}")]
    [InlineData("{\"a\":1};;", "{\"a\":1}")]
    [InlineData("{\"a\":\"x;\"}", "{\"a\":\"x;\"}")]
    public void ToStrictJson_StripsTheTrailingSemicolon(string raw, string expected) =>
        Assert.Equal(expected, AladinJson.ToStrictJson(raw));

    [Fact]
    public void ToStrictJson_TurnsTheJavaScriptQuoteEscapeIntoAPlainQuote_ButKeepsEscapedBackslashes()
    {
        Assert.Equal("""{"a":"it's"}""", AladinJson.ToStrictJson("""{"a":"it\'s"};"""));
        const string escapedBackslash = """{"a":"C:\\'x"}""";
        Assert.Equal(escapedBackslash, AladinJson.ToStrictJson(escapedBackslash));
    }

    [Fact]
    public void ReadSearch_KeepsAladinsTotal_AndDropsItemsWithoutIsbn()
    {
        var raw = "{\"totalResults\":57,\"startIndex\":1,\"itemsPerPage\":10,\"item\":[" + Item
            + ",{\"title\":\"eBook\",\"isbn\":\"K392930716\",\"isbn13\":\"\"}]};";

        var page = AladinJson.ReadSearch(raw);

        Assert.Equal(57, page.TotalResults);
        var book = Assert.Single(page.Books);
        Assert.Equal("9788936434595", book.Isbn);
        Assert.Equal("채식주의자 <리커버>", book.Title);
        Assert.Equal(247, book.TotalPages);
        Assert.Equal("국내도서>소설", book.MainGenre);
        Assert.Equal("2022-03-28", book.PubDate);
        Assert.Equal(13500, book.PriceSales);
    }

    [Fact]
    public void ReadItem_WithAMalformedDate_OrZeroPages_GivesNulls()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"title":"t","isbn13":"9788936434595","pubDate":"2022-13-45","subInfo":{"itemPage":0}}""");

        var book = AladinJson.ReadItem(doc.RootElement);

        Assert.NotNull(book);
        Assert.Null(book.PubDate);
        Assert.Null(book.TotalPages);
    }

    [Theory]
    [InlineData("""{"errorCode":3,"errorMessage":"잘못된 TTBKey 입니다."};""")]
    [InlineData("[1,2];")]
    [InlineData("""{"version":"20131101"};""")]
    public void ReadSearch_OfAnErrorPayloadOrAWrongShape_IsAProviderAnswerError(string raw) =>
        Assert.Throws<ProviderAnswerException>(() => AladinJson.ReadSearch(raw));

    [Fact]
    public void ReadLookup_OfAnEmptyItemList_IsNotFound() =>
        Assert.Null(AladinJson.ReadLookup("""{"totalResults":0,"item":[]};"""));
}
