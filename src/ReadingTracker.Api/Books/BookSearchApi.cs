using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.OpenApi;

namespace ReadingTracker.Api.Books;

/// <summary>
/// Public book search and detail (docs/contract.md §3.3) over Aladin when a TTB key is configured, Open Library
/// otherwise, plus GET /health/aladin reporting which provider answers and whether it does.
/// </summary>
public static class BookSearchApi
{
    public const int MaxQueryLength = 100;
    public const int MaxPageSize = 50;

    public static IHostApplicationBuilder AddBookSearch(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AladinOptions>(AladinOptions.Section);
        services.AddValidatedOptions<OpenLibraryOptions>(OpenLibraryOptions.Section);
        services.AddValidatedOptions<BookCacheOptions>(BookCacheOptions.Section);

        services.AddHttpClient<AladinBookProvider>(ConfigureClient<AladinOptions>)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions r, IServiceProvider sp) => Tune(r, sp.GetRequiredService<IOptions<AladinOptions>>().Value));
        services.AddHttpClient<OpenLibraryBookProvider>(ConfigureClient<OpenLibraryOptions>)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions r, IServiceProvider sp) => Tune(r, sp.GetRequiredService<IOptions<OpenLibraryOptions>>().Value));

        // Decided per resolution from the bound options, so a key set in any configuration source counts.
        services.AddTransient<IBookProvider>(sp => sp.GetRequiredService<IOptions<AladinOptions>>().Value.HasKey
            ? sp.GetRequiredService<AladinBookProvider>()
            : sp.GetRequiredService<OpenLibraryBookProvider>());
        services.AddTransient(sp => sp.GetRequiredService<IOptions<AladinOptions>>().Value.HasKey
            && sp.GetRequiredService<IOptions<OpenLibraryOptions>>().Value.UseAsFallback
                ? new BookFallback(sp.GetRequiredService<OpenLibraryBookProvider>())
                : new BookFallback(null));
        services.AddSingleton<BookCache>();
        services.AddSingleton<CoverHosts>();
        services.AddSingleton<IImageOrigins>(sp => sp.GetRequiredService<CoverHosts>());
        services.AddTransient<BookCatalog>();
        services.AddSingleton<ProviderHealth>();
        return builder;
    }

    public static RouteGroupBuilder MapBookSearch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/health/aladin", GetProviderHealth).WithTags("Health").AllowAnonymous();

        // 502 and 503 when the book provider answers wrongly or not at all.
        var group = routes.MapGroup("/api/v1/books").WithTags("Books").AllowAnonymous().WithErrorResponses();
        group.MapGet("/search", Search).ProducesErrors(502);
        group.MapGet("/{isbn}", GetBook).ProducesErrors(400, 404, 502);
        return group;
    }

    public static async Task<Ok<ApiResponse<BookSearchResponse>>> Search(
        string? query, string? queryType, int? start, int? maxResults, BookCatalog catalog, CancellationToken ct)
    {
        var text = query?.Trim();
        // A control character reached the provider and came back as an answer nobody could read (502).
        var v = new Validator().Required(text, "query").MaxLength(text, MaxQueryLength, "query").PlainText(text, "query")
            .Min(start, 1, "start").Range(maxResults, 1, MaxPageSize, "maxResults");
        var filter = BookSearchFilter.TITLE;
        if (queryType is not null && !TryParseFilter(queryType, out filter))
        {
            v.Add("queryType", "TITLE, AUTHOR, PUBLISHER 중 하나여야 합니다.", "Must be TITLE, AUTHOR or PUBLISHER.");
        }

        v.ThrowIfInvalid();
        var request = new BookQuery(text!, filter, start ?? 1, maxResults ?? 10);
        var page = await catalog.SearchAsync(request, ct);
        return Envelope.Ok(new BookSearchResponse(page.Books, page.TotalResults, request.Start, request.MaxResults,
            request.Text, filter.ToString(), request.Start, request.MaxResults));
    }

    public static async Task<Ok<ApiResponse<BookDetail>>> GetBook(string isbn, BookCatalog catalog, CancellationToken ct)
    {
        var cleaned = Isbn.Clean(isbn);
        if (!Isbn.IsWellFormed(cleaned))
        {
            throw BookErrors.InvalidIsbn();
        }

        var book = await catalog.LookupAsync(cleaned, ct) ?? throw BookErrors.BookNotFound();
        return Envelope.Ok(book);
    }

    public static async Task<Results<Ok<ProviderHealthResponse>, JsonHttpResult<ProviderHealthResponse>>> GetProviderHealth(
        IBookProvider provider, ProviderHealth health, HttpContext context, CancellationToken ct)
    {
        var result = await health.CheckAsync(provider, ct);
        if (result.Reachable)
        {
            return TypedResults.Ok(result);
        }

        context.Response.Headers.RetryAfter = BookErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(result, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Exact wire names, case-insensitively (the earlier client sends upper case); never numbers.</summary>
    internal static bool TryParseFilter(string text, out BookSearchFilter filter)
    {
        filter = BookSearchFilter.TITLE;
        var match = Enum.GetValues<BookSearchFilter>().Where(f => string.Equals(f.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count == 0)
        {
            return false;
        }

        filter = match[0];
        return true;
    }

    private static void ConfigureClient<TOptions>(IServiceProvider sp, HttpClient http)
        where TOptions : BookProviderOptions
    {
        http.BaseAddress = sp.GetRequiredService<IOptions<TOptions>>().Value.BaseAddress();
        // The resilience handler owns time budgets; HttpClient's own 100 s would only mask them.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ReadingTracker/1.0");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    /// <summary>Total ~10 s, each attempt ~4 s, 2 retries with short jittered backoff (configurable per provider).</summary>
    private static void Tune(HttpStandardResilienceOptions resilience, BookProviderOptions options)
    {
        var total = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var attempt = TimeSpan.FromSeconds(Math.Min(options.AttemptTimeoutSeconds, options.TimeoutSeconds));
        resilience.TotalRequestTimeout.Timeout = total;
        resilience.AttemptTimeout.Timeout = attempt;
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.Retries);
        if (options.Retries == 0)
        {
            resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        resilience.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds);
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * attempt.TotalSeconds));
    }
}
