using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Health;

/// <summary>The fault-tolerance counters (System.Diagnostics.Metrics) as Prometheus text at /metrics.</summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly ConcurrentDictionary<(string Name, string Labels), long> _values = new();
    private readonly MeterListener _listener = new();

    public MetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DatabaseMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = string.Join(",", tags.ToArray().Select(t => $"{t.Key}=\"{t.Value}\""));
            _values.AddOrUpdate((instrument.Name, labels), value, (_, current) => current + value);
        });
        _listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _values.GroupBy(v => v.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {group.Key}_total counter\n");
            foreach (var ((name, labels), value) in group.OrderBy(v => v.Key.Labels, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}_total{(labels.Length > 0 ? "{" + labels + "}" : "")} {value}\n");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();
}

public static class MetricsEndpoint
{
    public static IHostApplicationBuilder AddMetricsEndpoint(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MetricsCollector>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        // Resolve now so that counting starts with the server, not with the first scrape.
        var collector = routes.ServiceProvider.GetRequiredService<MetricsCollector>();
        routes.MapGet("/metrics", () => Results.Text(collector.Render(), "text/plain; version=0.0.4")).ExcludeFromDescription();
        return routes;
    }
}
