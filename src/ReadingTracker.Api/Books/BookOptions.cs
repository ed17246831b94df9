using System.ComponentModel.DataAnnotations;

namespace ReadingTracker.Api.Books;

/// <summary>Timeouts and retries shared by both book providers (the resilience handler reads them).</summary>
public abstract class BookProviderOptions : IValidatableObject
{
    [Required(AllowEmptyStrings = false)]
    [HttpUrl]
    public string BaseUrl { get; set; } = "";

    /// <summary>Whole request budget, retries included.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Budget of one attempt; capped by <see cref="TimeoutSeconds"/>.</summary>
    [Range(1, 120)]
    public int AttemptTimeoutSeconds { get; set; } = 4;

    [Range(0, 5)]
    public int Retries { get; set; } = 2;

    [Range(0, 10_000)]
    public int RetryDelayMilliseconds { get; set; } = 300;

    /// <summary>Where the provider's cover images live (its answers name this host, not the API's).</summary>
    public string CoversBaseUrl { get; set; } = "";

    /// <summary>The base address with a trailing slash, so relative paths append instead of replacing the last segment.</summary>
    internal Uri BaseAddress() => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The cover origins are also the only ones a hand-typed cover URL may name, so no user info either.
        if (!CoverHosts.IsHttpUrl(CoversBaseUrl))
        {
            yield return new ValidationResult($"The field {validationContext.DisplayName}:CoversBaseUrl must be an absolute http(s) URL.", [nameof(CoversBaseUrl)]);
        }
    }
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

    [Range(1, 10_080)]
    public int SearchMinutes { get; set; } = 10;

    [Range(1, 8760)]
    public int DetailHours { get; set; } = 24;

    /// <summary>Entries kept at most, so arbitrary queries cannot grow memory without bound.</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 5000;
}
