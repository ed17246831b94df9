using System.Net;
using System.Net.Http.Json;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Instances;

/// <summary>Two login attempts a minute per address, on a real socket (the peer is 127.0.0.1).</summary>
public class TightLoginLimitAppFactory : KestrelAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:LoginPermitsPerMinute"] = "2",
    };
}

/// <summary>The same, with this test's loopback address configured as the load balancer in front.</summary>
public sealed class BehindABalancerAppFactory : TightLoginLimitAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Proxy:TrustedProxies:0"] = "127.0.0.0/8",
    };
}

/// <summary>
/// Behind a balancer the per-address login limit must count each reader, not the balancer; and a client that
/// writes X-Forwarded-For itself must not get a fresh allowance per attempt.
/// </summary>
public sealed class TrustedProxyTests(BehindABalancerAppFactory balanced, TightLoginLimitAppFactory direct)
    : IClassFixture<BehindABalancerAppFactory>, IClassFixture<TightLoginLimitAppFactory>
{
    [Fact]
    public async Task BehindATrustedBalancer_EachForwardedAddressHasItsOwnLoginAllowance()
    {
        using var http = balanced.CreateSocketClient().Http;

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await LoginAsync(http, "203.0.113.7"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await LoginAsync(http, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(http, "203.0.113.7"));

        // Another reader behind the same balancer is not throttled by the first one's attempts.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await LoginAsync(http, "203.0.113.8"));
    }

    [Fact]
    public async Task BehindATrustedBalancer_AddressesTheClientPrependedAreIgnored()
    {
        using var http = balanced.CreateSocketClient().Http;
        await LoginAsync(http, "198.51.100.20");
        await LoginAsync(http, "198.51.100.20");

        // The balancer appends the address it saw; whatever the client wrote before that is the client's own claim.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(http, "192.0.2.1, 198.51.100.20"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(http, "192.0.2.2, 198.51.100.20"));
    }

    [Fact]
    public async Task WithoutATrustedBalancer_AForgedForwardedForDoesNotEscapeTheLimit()
    {
        using var http = direct.CreateSocketClient().Http;
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            answers.Add(await LoginAsync(http, $"203.0.113.{100 + attempt}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3]);
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient http, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { loginId = "nobody_" + Guid.NewGuid().ToString("N")[..8], password = "wrong!pass" }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
