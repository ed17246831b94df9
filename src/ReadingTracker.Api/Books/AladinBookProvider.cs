using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Books;

/// <summary>Aladin Open API: ItemSearch and ItemLookUp, Output=JS, Version=20131101.</summary>
public sealed class AladinBookProvider(HttpClient http, IOptions<AladinOptions> options, ILogger<AladinBookProvider> logger) : IBookProvider
{
    public const string ProviderName = "ALADIN";

    public string Name => ProviderName;

    public async Task<BookSearchPage> SearchAsync(BookQuery query, CancellationToken ct)
    {
        var url = "ItemSearch.aspx?" + QueryString(
            ("ttbkey", options.Value.TtbKey),
            ("Query", query.Text),
            ("QueryType", QueryType(query.Filter)),
            ("SearchTarget", "Book"),
            ("Start", query.Start.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("MaxResults", query.MaxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Output", "JS"),
            ("Version", "20131101"),
            ("Cover", "Big"));
        var body = await ProviderHttp.GetAsync(http, url, ProviderName, "search", logger, ct);
        return ProviderHttp.Read(body!, AladinJson.ReadSearch, ProviderName, "search", logger);
    }

    public async Task<BookDetail?> LookupAsync(string isbn, CancellationToken ct)
    {
        var url = "ItemLookUp.aspx?" + QueryString(
            ("ttbkey", options.Value.TtbKey),
            ("ItemIdType", isbn.Length == 13 ? "ISBN13" : "ISBN"),
            ("ItemId", isbn),
            ("Output", "JS"),
            ("Version", "20131101"),
            ("Cover", "Big"),
            ("OptResult", "packing"));
        var body = await ProviderHttp.GetAsync(http, url, ProviderName, "lookup", logger, ct);
        return ProviderHttp.Read(body!, AladinJson.ReadLookup, ProviderName, "lookup", logger);
    }

    internal static string QueryType(BookSearchFilter filter) => filter switch
    {
        BookSearchFilter.AUTHOR => "Author",
        BookSearchFilter.PUBLISHER => "Publisher",
        _ => "Title",
    };

    internal static string QueryString(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)));
}
