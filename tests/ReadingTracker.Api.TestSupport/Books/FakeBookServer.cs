using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ReadingTracker.Api.TestSupport.Books;

/// <summary>
/// The one local stand-in for the book providers, shared by every test project: a Kestrel server for Aladin
/// (under /aladin/) and Open Library (under /ol/), answering with responses of the real shapes, so no test
/// calls the internet. It records every request so tests can prove what was sent and that the cache kept a
/// second request from arriving. Any search answers the same canned page of <see cref="FakeBookResponses.AladinTotalResults"/>
/// results, so a client can page. Query texts pick a fault: "slow", "boom" (500), "maintenance" (503),
/// "aladin-error", "garbage".
/// </summary>
/// <param name="localCovers">
/// False: Aladin's answers name covers on Aladin's real image host, as the real service does; nothing fetches
/// them (the API tests compare them as text). True: they name <see cref="CoversUrl"/> on this server, which
/// serves a small image for each, so a browser can draw them without leaving the machine.
/// </param>
public sealed class FakeBookServer(bool localCovers = false) : IAsyncDisposable
{
    public const string TtbKey = "fake-ttb-key";

    /// <summary>Aladin's image host, as the canned answers name it.</summary>
    public const string AladinCoversBaseUrl = "https://image.aladin.co.kr/";

    // A 4×6 PNG of one warm brown: any cover path answers with it.
    private static readonly byte[] CoverImage = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAGCAIAAABrW6giAAAAEElEQVR42mPoyvWGIwZKOQCfwh4x4OUs7gAAAABJRU5ErkJggg==");

    private readonly ConcurrentQueue<(string Path, IQueryCollection Query)> _requests = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public string AladinUrl => BaseUrl + "aladin/";

    public string OpenLibraryUrl => BaseUrl + "ol/";

    /// <summary>Where Aladin's answers say covers live: the value for <c>Aladin:CoversBaseUrl</c>.</summary>
    public string CoversUrl => localCovers ? BaseUrl + "covers/" : AladinCoversBaseUrl;

    /// <summary>Requests to <paramref name="path"/> whose query parameter <paramref name="name"/> equals <paramref name="value"/>.</summary>
    public int Count(string path, string name, string value) =>
        _requests.Count(r => r.Path == path && string.Equals(r.Query[name].ToString(), value, StringComparison.Ordinal));

    public int CountPath(string path) => _requests.Count(r => r.Path == path);

    public IQueryCollection Last(string path) => _requests.Last(r => r.Path == path).Query;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            _requests.Enqueue((context.Request.Path.Value ?? "", context.Request.Query));
            await next(context);
        });
        app.MapGet("/aladin/ItemSearch.aspx", AladinSearch);
        app.MapGet("/aladin/ItemLookUp.aspx", AladinLookup);
        app.MapGet("/ol/search.json", OpenLibrarySearch);
        app.MapGet("/ol/isbn/{file}", OpenLibraryIsbn);
        app.MapGet("/ol/books/{file}", (string file) => file == "OL7353617M.json" ? Json(FakeBookResponses.OpenLibraryEdition1984) : Json(FakeBookResponses.OpenLibraryEditionAnimalFarm));
        app.MapGet("/ol/authors/{file}", () => Json(FakeBookResponses.OpenLibraryAuthorOrwell));
        app.MapGet("/covers/{**path}", () => Results.Bytes(CoverImage, "image/png"));
        await app.StartAsync();
        _app = app;
        BaseUrl = app.Urls.First().TrimEnd('/') + "/";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> AladinSearch(HttpRequest request, CancellationToken aborted)
    {
        var query = request.Query;
        if (query["ttbkey"] != TtbKey)
        {
            return Text(FakeBookResponses.AladinInvalidKey);
        }

        return await Fault(query["Query"].ToString(), aborted)
            ?? Text(FakeBookResponses.AladinSearch(query["Query"].ToString(), query["Start"].ToString(), query["MaxResults"].ToString()));
    }

    private IResult AladinLookup(HttpRequest request)
    {
        var query = request.Query;
        var id = query["ItemId"].ToString();
        return id switch
        {
            "9788936434595" or "8936434594" => Text(FakeBookResponses.AladinLookupVegetarian),
            "9788936434120" => Text(FakeBookResponses.AladinLookupHumanActs),
            "9788999999992" => Results.StatusCode(500),
            _ => Text(FakeBookResponses.AladinLookupEmpty),
        };
    }

    private async Task<IResult> OpenLibrarySearch(HttpRequest request, CancellationToken aborted)
    {
        var query = request.Query;
        var text = query["title"].ToString() + query["author"] + query["publisher"];
        return await Fault(text, aborted) ?? Json(FakeBookResponses.OpenLibrarySearch);
    }

    private static IResult OpenLibraryIsbn(string file) => file switch
    {
        // Open Library answers /isbn/{isbn}.json with a redirect to the edition record.
        "9780451524935.json" or "0451524934.json" => Results.Redirect("/ol/books/OL7353617M.json"),
        "9780452284241.json" or "0452284244.json" => Results.Redirect("/ol/books/OL9999999M.json"),
        _ => Results.Text("{\"error\": \"notfound\", \"key\": \"/" + file + "\"}", "application/json", statusCode: 404),
    };

    private async Task<IResult?> Fault(string text, CancellationToken aborted)
    {
        switch (text)
        {
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(15), aborted);
                return Results.StatusCode(500);
            case "boom":
                return Results.StatusCode(500);
            case "maintenance":
                return Results.StatusCode(503);
            case "aladin-error":
                return Text(FakeBookResponses.AladinInvalidKey);
            case "garbage":
                return Results.Text("<html><body>Service temporarily moved</body></html>", "text/html");
            default:
                return null;
        }
    }

    // Aladin's Output=JS answers are served as text/javascript, like the real one.
    private IResult Text(string body) =>
        Results.Text(localCovers ? body.Replace(AladinCoversBaseUrl, CoversUrl, StringComparison.Ordinal) : body, "text/javascript; charset=utf-8");

    private static IResult Json(string body) => Results.Text(body, "application/json");
}
