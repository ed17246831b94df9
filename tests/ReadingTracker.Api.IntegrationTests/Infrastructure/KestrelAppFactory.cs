using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ReadingTracker.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The server on a real loopback port (Kestrel, not the in-memory TestServer), for what only a real server does:
/// its header and request-line limits, chunked bodies on a socket.
/// </summary>
public class KestrelAppFactory : AppFactory
{
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel has no address.");
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>A client over a real socket (CreateClient would talk to the in-memory server).</summary>
    public ApiClient CreateSocketClient() => new(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) });
}
