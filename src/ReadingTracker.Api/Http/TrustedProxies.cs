using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Http;

/// <summary>
/// Behind a load balancer every request arrives from the balancer's address, so the limits kept per client address
/// (login, sign-up and availability checks; the idempotency scope of anonymous calls) would throttle every reader
/// together. <c>Proxy:TrustedProxies</c> lists the balancers (IP addresses or CIDR networks). Only for a request whose
/// socket peer is one of them is the client address taken from <c>X-Forwarded-For</c>: the last entry, the one that
/// balancer appended itself. Empty, the default, the header is ignored: any client can write it, and honouring it
/// from anyone would let an attacker take a fresh address for every login attempt.
/// </summary>
public static class TrustedProxies
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ProxyOptions>(ProxyOptions.Section);
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ConfigureForwardedHeaders>();
        return builder;
    }

    /// <summary>First in the pipeline, so every later step (limits, logs, idempotency) sees the reader's address.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private sealed class ConfigureForwardedHeaders(IOptions<ProxyOptions> proxies) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1; // one balancer hop: earlier entries were written by the client
            options.KnownProxies.Clear(); // the framework trusts loopback by default; only the configured ones here
            options.KnownIPNetworks.Clear();
            foreach (var entry in proxies.Value.TrustedProxies)
            {
                if (ProxyOptions.TryParse(entry) is { } network)
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        }
    }
}

public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>The load balancers in front of this instance: "10.0.0.5", "10.0.0.0/24", "::1".</summary>
    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Select((entry, index) => (entry, index)).Where(p => TryParse(p.entry) is null).Select(p => new ValidationResult(
            $"{validationContext.DisplayName}:TrustedProxies:{p.index}: \"{p.entry}\" is neither an IP address nor a CIDR network."));

    /// <summary>An address is a network of one (/32 or /128).</summary>
    public static System.Net.IPNetwork? TryParse(string entry)
    {
        var text = entry.Trim();
        if (System.Net.IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address)
            ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}
