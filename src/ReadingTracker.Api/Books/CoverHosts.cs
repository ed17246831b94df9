using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Books;

/// <summary>
/// The one list of origins a cover image may come from: the providers' image hosts, taken from their
/// configured cover base URLs. A hand-typed cover URL must point there, and the CSP's img-src names
/// exactly these, so no user can make every viewer's browser fetch from a host of their choosing.
/// Both providers' hosts count whichever one answers: shelves keep covers from either.
/// </summary>
public sealed class CoverHosts(IOptions<AladinOptions> aladin, IOptions<OpenLibraryOptions> openLibrary) : IImageOrigins
{
    private IReadOnlyList<string>? _origins;

    /// <summary>Origins as "scheme://host[:port]", in configuration order, without duplicates.</summary>
    public IReadOnlyList<string> Origins => _origins ??=
        [.. new[] { aladin.Value.CoversBaseUrl, openLibrary.Value.CoversBaseUrl }.Select(OriginOf).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>True for an absolute http(s) URL whose origin is one of <see cref="Origins"/>.</summary>
    public bool Allows(string url) => OriginOf(url) is { } origin && Origins.Contains(origin, StringComparer.Ordinal);

    public static bool IsHttpUrl(string? value) => OriginOf(value) is not null;

    private static string? OriginOf(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
