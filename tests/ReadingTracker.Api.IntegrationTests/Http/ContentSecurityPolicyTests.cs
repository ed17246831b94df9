using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Http;

/// <summary>
/// Regression for "the CSP lets any http(s) cover URL be fetched from every viewer's browser": img-src
/// names the app and the providers' cover hosts, exactly, as configured.
/// </summary>
public sealed class ContentSecurityPolicyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/api/v1/health")]
    [InlineData("/")]
    public async Task ImgSrc_ListsExactlyTheProvidersCoverHosts(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(["'self'", "https://image.aladin.co.kr", "https://covers.openlibrary.org"], ImgSrc(response));
    }

    internal static string[] ImgSrc(HttpResponseMessage response)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var directive = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("img-src ", StringComparison.Ordinal));
        return directive.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
    }
}

public sealed class ContentSecurityPolicyConfiguredTests(ContentSecurityPolicyConfiguredTests.Factory app)
    : IClassFixture<ContentSecurityPolicyConfiguredTests.Factory>
{
    [Fact]
    public async Task ImgSrc_FollowsTheConfiguredCoverBaseUrls()
    {
        using var response = await app.CreateClient().GetAsync("/api/v1/health");
        Assert.Equal(["'self'", "https://img.example.test", "http://127.0.0.1:8081"], ContentSecurityPolicyTests.ImgSrc(response));
    }

    [Fact]
    public async Task HandTypedCover_IsCheckedAgainstTheSameHosts()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var allowed = await client.PostAsync("/api/v1/user/books", new { title = "T", author = "A", coverUrl = "http://127.0.0.1:8081/covers/1.jpg", category = "ToRead" });
        var refused = await client.PostAsync("/api/v1/user/books", new { title = "T", author = "A", coverUrl = "https://image.aladin.co.kr/1.jpg", category = "ToRead" });
        Assert.True(allowed.Ok, allowed.ToString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["coverUrl"], refused.ErrorFields);
    }

    public sealed class Factory : AppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Aladin:CoversBaseUrl"] = "https://img.example.test/",
            ["OpenLibrary:CoversBaseUrl"] = "http://127.0.0.1:8081/covers/",
        };
    }
}
