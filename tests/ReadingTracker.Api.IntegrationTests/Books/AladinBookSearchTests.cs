using System.Net;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Books;

public sealed class AladinBookSearchTests(AladinAppFactory app) : IClassFixture<AladinAppFactory>
{
    private const string Search = "/aladin/ItemSearch.aspx";

    private readonly ApiClient _client = app.CreateApiClient();

    private static string SearchUrl(string query, string extra = "") => $"/api/v1/books/search?query={Uri.EscapeDataString(query)}{extra}";

    [Fact]
    public async Task Search_ParsesAladinsTrailingSemicolonAnswer_AndMapsEveryField()
    {
        var result = await _client.GetAsync(SearchUrl("채식주의자"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var books = result.Data.GetProperty("books");
        var first = books[0];
        Assert.Equal("9788936434595", first.GetProperty("isbn").GetString());
        Assert.Equal("9788936434595", first.GetProperty("isbn13").GetString());
        Assert.Equal("채식주의자 <리커버>", first.GetProperty("title").GetString());
        Assert.Equal("한강 (지은이)", first.GetProperty("author").GetString());
        Assert.Equal("창비", first.GetProperty("publisher").GetString());
        Assert.Equal("2016년 맨부커 인터내셔널상 수상작.", first.GetProperty("description").GetString());
        Assert.Equal("https://image.aladin.co.kr/product/28793/64/cover500/8936434594_2.jpg", first.GetProperty("coverUrl").GetString());
        Assert.Equal("국내도서>소설/시/희곡>한국소설>2000년대 이후 한국소설", first.GetProperty("mainGenre").GetString());
        Assert.Equal("2022-03-28", first.GetProperty("pubDate").GetString());
        Assert.Equal(13500, first.GetProperty("priceSales").GetInt32());
        Assert.Equal(15000, first.GetProperty("priceStandard").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("totalPages").ValueKind);
    }

    [Fact]
    public async Task Search_DropsItemsWithoutIsbn_AndUsesIsbn13WhenTheIsbn10IsMissing()
    {
        var books = (await _client.GetAsync(SearchUrl("한강"))).Data.GetProperty("books");

        // The third canned item is an e-book with Aladin's "K…" id and no ISBN: nothing to look it up by.
        Assert.Equal(2, books.GetArrayLength());
        Assert.Equal("9788936434120", books[1].GetProperty("isbn").GetString());
        Assert.Equal("9788936434120", books[1].GetProperty("isbn13").GetString());
    }

    [Fact]
    public async Task Search_ReportsTheProvidersTotalAndRealPagingFields_NotTheFilteredCount()
    {
        // Regression: the earlier system answered totalResults = itemsPerPage = filtered count, startIndex = 1.
        var result = await _client.GetAsync(SearchUrl("paging", "&start=3&maxResults=5"));

        var data = result.Data;
        Assert.Equal(FakeBookResponses.AladinTotalResults, data.GetProperty("totalResults").GetInt32());
        Assert.Equal(3, data.GetProperty("startIndex").GetInt32());
        Assert.Equal(5, data.GetProperty("itemsPerPage").GetInt32());
        Assert.Equal(3, data.GetProperty("start").GetInt32());
        Assert.Equal(5, data.GetProperty("maxResults").GetInt32());
        Assert.Equal("paging", data.GetProperty("query").GetString());
        Assert.Equal("TITLE", data.GetProperty("searchFilter").GetString());
    }

    [Fact]
    public async Task Search_SendsAladinItemSearchParameters_WithTheMappedQueryType()
    {
        var result = await _client.GetAsync(SearchUrl("params-author", "&queryType=AUTHOR&start=2&maxResults=7"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("AUTHOR", result.Data.GetProperty("searchFilter").GetString());
        var sent = app.Fake.Last(Search);
        Assert.Equal(FakeBookServer.TtbKey, sent["ttbkey"]);
        Assert.Equal("params-author", sent["Query"]);
        Assert.Equal("Author", sent["QueryType"]);
        Assert.Equal("Book", sent["SearchTarget"]);
        Assert.Equal("2", sent["Start"]);
        Assert.Equal("7", sent["MaxResults"]);
        Assert.Equal("JS", sent["Output"]);
        Assert.Equal("20131101", sent["Version"]);
    }

    [Fact]
    public async Task Search_IsCached_SoTheSameSearchReachesAladinOnce()
    {
        var first = await _client.GetAsync(SearchUrl("cache-me"));
        var second = await _client.GetAsync(SearchUrl("cache-me"));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Data.ToString(), second.Data.ToString());
        Assert.Equal(1, app.Fake.Count(Search, "Query", "cache-me"));
    }

    [Theory]
    [InlineData("&queryType=ISBN", "queryType")]
    [InlineData("&queryType=1", "queryType")]
    [InlineData("&maxResults=51", "maxResults")]
    [InlineData("&maxResults=0", "maxResults")]
    [InlineData("&start=0", "start")]
    [InlineData("&start=abc", "start")]
    public async Task Search_WithBadParameter_Returns400NamingTheField_AndDoesNotCallAladin(string extra, string field)
    {
        var query = "bad-" + field + extra.Length;
        var result = await _client.GetAsync(SearchUrl(query, extra));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
        Assert.Contains(field, result.ErrorFields);
        Assert.Equal(0, app.Fake.Count(Search, "Query", query));
    }

    [Fact]
    public async Task Search_WithoutQuery_OrWithAQueryOver100Chars_Returns400OnQuery()
    {
        var missing = await _client.GetAsync("/api/v1/books/search");
        var blank = await _client.GetAsync("/api/v1/books/search?query=%20%20");
        var tooLong = await _client.GetAsync(SearchUrl(new string('가', 101)));

        foreach (var result in new[] { missing, blank, tooLong })
        {
            Assert.Equal(HttpStatusCode.BadRequest, result.Status);
            Assert.Equal("VALIDATION_FAILED", result.ErrorCode);
            Assert.Equal(["query"], result.ErrorFields);
        }
    }

    [Fact]
    public async Task Search_AcceptsExactly50Results_And100CharQuery()
    {
        var result = await _client.GetAsync(SearchUrl(new string('나', 100), "&maxResults=50"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(50, result.Data.GetProperty("maxResults").GetInt32());
    }

    [Theory]
    [InlineData("aladin-error")]
    [InlineData("garbage")]
    public async Task Search_WhenAladinAnswersWithAnErrorPayloadOrGarbage_Returns502(string query)
    {
        var result = await _client.GetAsync(SearchUrl(query));

        Assert.Equal(HttpStatusCode.BadGateway, result.Status);
        Assert.Equal("BOOK_PROVIDER_ERROR", result.ErrorCode);
    }

    [Fact]
    public async Task Search_WhenAladinKeepsAnswering500_RetriesTwice_ThenReturns502_Not500()
    {
        var result = await _client.GetAsync(SearchUrl("boom"));

        Assert.Equal(HttpStatusCode.BadGateway, result.Status);
        Assert.Equal("BOOK_PROVIDER_ERROR", result.ErrorCode);
        Assert.Equal(3, app.Fake.Count(Search, "Query", "boom"));
    }

    [Fact]
    public async Task Search_WhenAladinIsInMaintenance_Returns503WithRetryAfter_AndDoesNotCacheTheFailure()
    {
        var result = await _client.GetAsync(SearchUrl("maintenance"));
        var again = await _client.GetAsync(SearchUrl("maintenance"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Equal("BOOK_PROVIDER_UNAVAILABLE", result.ErrorCode);
        Assert.NotNull(result.Response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.Status);
        Assert.Equal(6, app.Fake.Count(Search, "Query", "maintenance"));
    }
}
