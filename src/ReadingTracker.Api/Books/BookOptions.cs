namespace ReadingTracker.Api.Books;

/// <summary>Timeouts and retries shared by both book providers (the resilience handler reads them).</summary>
public abstract class BookProviderOptions
{
    public string BaseUrl { get; set; } = "";

    /// <summary>Whole request budget, retries included.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Budget of one attempt; capped by <see cref="TimeoutSeconds"/>.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 4;

    public int Retries { get; set; } = 2;

    public int RetryDelayMilliseconds { get; set; } = 300;

    internal bool IsValid(out string error)
    {
        error = "";
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = "BaseUrl must be an absolute http(s) URL.";
        }
        else if (!CoverHosts.IsHttpUrl(CoversBaseUrl))
        {
            error = "CoversBaseUrl must be an absolute http(s) URL.";
        }
        else if (TimeoutSeconds is < 1 or > 120 || AttemptTimeoutSeconds is < 1 or > 120)
        {
            error = "TimeoutSeconds and AttemptTimeoutSeconds must be between 1 and 120.";
        }
        else if (Retries is < 0 or > 5 || RetryDelayMilliseconds is < 0 or > 10_000)
        {
            error = "Retries must be 0..5 and RetryDelayMilliseconds 0..10000.";
        }

        return error.Length == 0;
    }

    /// <summary>Where the provider's cover images live (its answers name this host, not the API's).</summary>
    public string CoversBaseUrl { get; set; } = "";

    /// <summary>The base address with a trailing slash, so relative paths append instead of replacing the last segment.</summary>
    internal Uri BaseAddress() => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/");
}

/// <summary>Aladin Open API (TTB). With a TtbKey it is the book provider; without one Open Library is.</summary>
public sealed class AladinOptions : BookProviderOptions
{
    public const string Section = "Aladin";

    public AladinOptions()
    {
        BaseUrl = "http://www.aladin.co.kr/ttb/api/";
        CoversBaseUrl = "https://image.aladin.co.kr/";
    }

    public string TtbKey { get; set; } = "";

    public bool HasKey => !string.IsNullOrWhiteSpace(TtbKey);
}

/// <summary>Open Library, keyless: the provider when no Aladin key is configured.</summary>
public sealed class OpenLibraryOptions : BookProviderOptions
{
    public const string Section = "OpenLibrary";

    public OpenLibraryOptions()
    {
        BaseUrl = "https://openlibrary.org/";
        CoversBaseUrl = "https://covers.openlibrary.org/";
    }

    /// <summary>With an Aladin key: Open Library answers while Aladin cannot (unreachable or a broken answer).</summary>
    public bool UseAsFallback { get; set; } = true;
}

/// <summary>How long results stay cached; search pages change, a book's metadata hardly does.</summary>
public sealed class BookCacheOptions
{
    public const string Section = "BookCache";

    public int SearchMinutes { get; set; } = 10;

    public int DetailHours { get; set; } = 24;

    /// <summary>Entries kept at most, so arbitrary queries cannot grow memory without bound.</summary>
    public int MaxEntries { get; set; } = 5000;
}
