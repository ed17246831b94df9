using System.Text.Json.Serialization;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Books;

public sealed record ProviderHealthResponse(
    string Provider,
    bool Reachable,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LatencyMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>
/// Probes the book provider with a minimal search (one result, never from the cache) and remembers the
/// answer for a few seconds, so clients polling GET /health/aladin share one probe instead of each
/// hammering the provider.
/// </summary>
public sealed class ProviderHealth(TimeProvider time, ILogger<ProviderHealth> logger) : IDisposable
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ProviderHealthResponse Result, long At)? _last;

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(10);

    public void Dispose() => _gate.Dispose();

    public async Task<ProviderHealthResponse> CheckAsync(IBookProvider provider, CancellationToken ct)
    {
        if (Fresh(provider) is { } fresh)
        {
            return fresh;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(provider) is { } probedMeanwhile)
            {
                return probedMeanwhile;
            }

            var result = await ProbeAsync(provider, ct);
            if (_last is { } previous && previous.Result.Reachable != result.Reachable)
            {
                BookLog.HealthChanged(logger, provider.Name, result.Reachable);
            }

            _last = (result, time.GetTimestamp());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ProviderHealthResponse? Fresh(IBookProvider provider) =>
        _last is { } last && last.Result.Provider == provider.Name && time.GetElapsedTime(last.At) < CacheFor ? last.Result : null;

    private async Task<ProviderHealthResponse> ProbeAsync(IBookProvider provider, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await provider.SearchAsync(new BookQuery("test", BookSearchFilter.TITLE, 1, 1), timeout.Token);
            return new ProviderHealthResponse(provider.Name, true, (long)time.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (ApiException ex)
        {
            return new ProviderHealthResponse(provider.Name, false, null, ex.Code);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProviderHealthResponse(provider.Name, false, null, "TIMEOUT");
        }
    }
}
