using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ReadingTracker.Api.Books;

/// <summary>A provider's answer we could not use (error payload, garbage, wrong shape) → 502.</summary>
public sealed class ProviderAnswerException(string reason) : Exception(reason);

/// <summary>
/// One GET to a provider through its resilient HttpClient, with every transport failure turned into the
/// API's two provider errors: unreachable / timed out → 503 BOOK_PROVIDER_UNAVAILABLE, answered badly → 502
/// BOOK_PROVIDER_ERROR. URLs are never logged: Aladin's carries the TTB key.
/// </summary>
internal static class ProviderHttp
{
    /// <summary>The body of a 2xx answer; null for a 404 when <paramref name="notFoundIsNull"/>.</summary>
    public static async Task<string?> GetAsync(HttpClient http, string relativeUrl, string provider, string operation, ILogger logger, CancellationToken ct, bool notFoundIsNull = false)
    {
        try
        {
            using var response = await http.GetAsync(relativeUrl, ct);
            if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
            {
                return null;
            }

            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
            {
                BookLog.ProviderUnreachable(logger, provider, operation, "HTTP " + (int)response.StatusCode);
                throw BookErrors.ProviderUnavailable();
            }

            if (!response.IsSuccessStatusCode)
            {
                BookLog.ProviderBadAnswer(logger, provider, operation, "HTTP " + (int)response.StatusCode);
                throw BookErrors.ProviderError();
            }

            return await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception ex) when (IsTransportFailure(ex, ct))
        {
            BookLog.ProviderUnreachable(logger, provider, operation, ex.GetType().Name);
            throw BookErrors.ProviderUnavailable();
        }
    }

    /// <summary>Parses an answer with <paramref name="read"/>; anything it cannot read is the provider's fault (502).</summary>
    public static T Read<T>(string body, Func<string, T> read, string provider, string operation, ILogger logger)
    {
        try
        {
            return read(body);
        }
        catch (Exception ex) when (ex is ProviderAnswerException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            BookLog.ProviderBadAnswer(logger, provider, operation, ex.Message);
            throw BookErrors.ProviderError();
        }
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken ct) => ex switch
    {
        HttpRequestException or IOException or TimeoutRejectedException or BrokenCircuitException => true,
        // A cancellation the caller did not ask for is a timeout somewhere below us.
        OperationCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };
}
