using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Health;

/// <summary>
/// The counters on this host's <see cref="DatabaseMetrics.MeterName"/> meter as Prometheus text (format 0.0.4) at
/// /metrics. Only meters made by this host's <see cref="IMeterFactory"/> are counted, so two hosts in one process
/// (test servers) never add up each other's counts. Why a renderer and not an exporter package: ADR-009.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly ConcurrentDictionary<(string Name, string Labels), long> _values = new();
    private readonly ConcurrentDictionary<string, string?> _descriptions = new();
    private readonly MeterListener _listener = new();

    public MetricsCollector(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DatabaseMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                _descriptions[instrument.Name] = instrument.Description;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _values.AddOrUpdate((instrument.Name, Labels(tags)), value, (_, current) => current + value));
        _listener.Start();
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var group in _values.GroupBy(v => v.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = group.Key + "_total";
            if (_descriptions.GetValueOrDefault(group.Key) is { Length: > 0 } help)
            {
                text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {EscapeHelp(help)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} counter\n");
            foreach (var ((_, labels), value) in group.OrderBy(v => v.Key.Labels, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{(labels.Length > 0 ? "{" + labels + "}" : "")} {value}\n");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Labels sorted by name, so the same tags in any order are one series.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join(",", sorted.Select(t => $"{LabelName(t.Key)}=\"{EscapeLabelValue(Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")}\""));
    }

    /// <summary>A label name is [a-zA-Z_][a-zA-Z0-9_]*; anything else becomes an underscore.</summary>
    internal static string LabelName(string key)
    {
        var name = new StringBuilder(key.Length + 1);
        foreach (var c in key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        return name.ToString();
    }

    /// <summary>Inside a label value's quotes, a backslash, a double quote and a line feed are escaped.</summary>
    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>In a HELP line, a backslash and a line feed are escaped.</summary>
    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
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
