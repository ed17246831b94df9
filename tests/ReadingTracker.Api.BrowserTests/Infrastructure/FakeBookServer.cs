using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ReadingTracker.Api.BrowserTests.Infrastructure;

/// <summary>
/// A local stand-in for Aladin's TTB API (search and lookup in the real Output=JS shapes) so the browser
/// tests never call the internet. Every search answers 57 results in total, so the client pages.
/// </summary>
public sealed class FakeBookServer : IAsyncDisposable
{
    public const string TtbKey = "browser-fake-ttb-key";
    public const int TotalResults = 57;

    private WebApplication? _app;

    public string AladinUrl { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/aladin/ItemSearch.aspx", (HttpRequest r) => Js(Search(r.Query)));
        app.MapGet("/aladin/ItemLookUp.aspx", (HttpRequest r) => Js(Lookup(r.Query["ItemId"].ToString())));
        await app.StartAsync();
        _app = app;
        AladinUrl = app.Urls.First().TrimEnd('/') + "/aladin/";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static IResult Js(string body) => Results.Text(body, "text/javascript; charset=utf-8");

    /// <summary>The book with this ISBN-13, its page count known from lookup.</summary>
    public static readonly (string Isbn13, string Title, string Author, string Publisher, int Pages)[] Books =
    [
        ("9788936434595", "채식주의자", "한강 (지은이)", "창비", 247),
        ("9788936434120", "소년이 온다", "한강 (지은이)", "창비", 216),
        ("9788954651134", "작별하지 않는다", "한강 (지은이)", "문학동네", 332),
    ];

    private static string Item((string Isbn13, string Title, string Author, string Publisher, int Pages) b, bool withPages) =>
        $$"""
        {"title":"{{b.Title}}","link":"http://www.aladin.co.kr/","author":"{{b.Author}}","pubDate":"2022-03-28","description":"{{b.Title}} — 설명.",
         "isbn":"","isbn13":"{{b.Isbn13}}","itemId":1,"priceSales":13500,"priceStandard":15000,"mallType":"BOOK","stockStatus":"","mileage":750,
         "cover":"","categoryId":50993,"categoryName":"국내도서>소설","publisher":"{{b.Publisher}}","salesPoint":1,"adult":false,"fixedPrice":true,
         "customerReviewRank":9,"subInfo":{{(withPages ? $$"""{"itemPage":{{b.Pages}}}""" : "{}")}}}
        """;

    private static string Envelope(int total, string start, string items) =>
        $$"""{"version":"20131101","title":"알라딘","link":"","pubDate":"","totalResults":{{total}},"startIndex":{{start}},"itemsPerPage":10,"query":"","searchCategoryId":0,"searchCategoryName":"","item":[{{items}}]};""";

    private static string Search(IQueryCollection query)
    {
        if (query["QueryType"] == "ISBN")
        {
            return Lookup(query["Query"].ToString());
        }

        // Every book matches the filter the server applies (title/author/publisher contains the query) only when asked for by its own words.
        var text = query["Query"].ToString();
        var matches = Books.Where(b => b.Title.Contains(text, StringComparison.Ordinal) || b.Author.Contains(text, StringComparison.Ordinal)
            || b.Publisher.Contains(text, StringComparison.Ordinal)).ToList();
        return Envelope(matches.Count == 0 ? 0 : TotalResults, query["Start"].ToString(), string.Join(",", matches.Select(b => Item(b, withPages: false))));
    }

    private static string Lookup(string isbn)
    {
        var book = Books.FirstOrDefault(b => b.Isbn13 == isbn);
        return book.Isbn13 is null ? Envelope(0, "1", "") : Envelope(1, "1", Item(book, withPages: true));
    }
}
