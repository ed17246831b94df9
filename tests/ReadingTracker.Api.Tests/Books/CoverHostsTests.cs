using Microsoft.Extensions.Options;
using ReadingTracker.Api.Books;

namespace ReadingTracker.Api.Tests.Books;

public sealed class CoverHostsTests
{
    private static CoverHosts Hosts(string aladin = "https://image.aladin.co.kr/", string openLibrary = "https://covers.openlibrary.org/") =>
        new(Options.Create(new AladinOptions { CoversBaseUrl = aladin }), Options.Create(new OpenLibraryOptions { CoversBaseUrl = openLibrary }));

    [Fact]
    public void Origins_AreTheConfiguredCoverBaseUrls_WithoutPathsOrDuplicates()
    {
        Assert.Equal(["https://image.aladin.co.kr", "https://covers.openlibrary.org"], Hosts().Origins);
        Assert.Equal(["http://127.0.0.1:8081"], Hosts("http://127.0.0.1:8081/a/", "http://127.0.0.1:8081/b/").Origins);
    }

    [Theory]
    [InlineData("https://image.aladin.co.kr/product/1/cover500/x.jpg", true)]
    [InlineData("https://covers.openlibrary.org/b/id/1-L.jpg", true)]
    [InlineData("https://Image.Aladin.co.kr/x.jpg", true)]
    [InlineData("https://image.aladin.co.kr:443/x.jpg", true)]
    [InlineData("http://image.aladin.co.kr/x.jpg", false)]
    [InlineData("https://image.aladin.co.kr:8443/x.jpg", false)]
    [InlineData("https://image.aladin.co.kr.evil.example/x.jpg", false)]
    [InlineData("https://evil.example/?https://image.aladin.co.kr/", false)]
    [InlineData("https://a@image.aladin.co.kr/x.jpg", false)]
    [InlineData("ftp://image.aladin.co.kr/x.jpg", false)]
    [InlineData("/x.jpg", false)]
    [InlineData("not a url", false)]
    public void Allows_OnlyTheProvidersImageOrigins(string url, bool allowed) => Assert.Equal(allowed, Hosts().Allows(url));
}
