using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ReadingTracker.Api.Health;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Quota;

namespace ReadingTracker.Api.Tests.Health;

/// <summary>The Prometheus text at /metrics: names the dashboards rely on, escaping, and one host's counts only.</summary>
public sealed partial class MetricsCollectorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void TheFaultToleranceCounters_KeepTheirNames()
    {
        using var collector = new MetricsCollector(Meters);
        var metrics = new DatabaseMetrics(Meters);
        var quota = new QuotaMetrics(Meters);

        metrics.DualWrites.Add(1, DatabaseMetrics.Outcome("secondary_failed"));
        metrics.DualWrites.Add(2, DatabaseMetrics.Outcome("ok"));
        metrics.Compensations.Add(1, DatabaseMetrics.Outcome("ok"));
        metrics.RecoveryEvents.Add(1, DatabaseMetrics.Outcome("recorded"));
        metrics.ReadFailovers.Add(1);
        metrics.CircuitOpened.Add(1);
        metrics.Purged.Add(3, new KeyValuePair<string, object?>("table", "idempotency_keys"));
        metrics.OutboxReplays.Add(1, DatabaseMetrics.Outcome("replayed"));
        quota.Refusals.Add(1);
        var text = collector.Render();

        Assert.Equal(
            """
            # HELP rt_compensations_total Primary undos after a Secondary failure, by outcome
            # TYPE rt_compensations_total counter
            rt_compensations_total{outcome="ok"} 1
            # HELP rt_dual_writes_total Write batches by outcome
            # TYPE rt_dual_writes_total counter
            rt_dual_writes_total{outcome="ok"} 2
            rt_dual_writes_total{outcome="secondary_failed"} 1
            # HELP rt_housekeeping_purged_total Expired rows purged by housekeeping, by table
            # TYPE rt_housekeeping_purged_total counter
            rt_housekeeping_purged_total{table="idempotency_keys"} 3
            # HELP rt_outbox_replays_total Outbox entries a dead server left on Primary, replayed to Secondary, by outcome
            # TYPE rt_outbox_replays_total counter
            rt_outbox_replays_total{outcome="replayed"} 1
            # HELP rt_primary_circuit_opened_total Times the Primary circuit breaker opened
            # TYPE rt_primary_circuit_opened_total counter
            rt_primary_circuit_opened_total 1
            # HELP rt_read_failovers_total Reads served by Secondary because Primary failed
            # TYPE rt_read_failovers_total counter
            rt_read_failovers_total 1
            # HELP rt_recovery_events_total Recovery events by outcome
            # TYPE rt_recovery_events_total counter
            rt_recovery_events_total{outcome="recorded"} 1
            # HELP rt_write_quota_refusals_total Writes refused by the per-user quota (429)
            # TYPE rt_write_quota_refusals_total counter
            rt_write_quota_refusals_total 1

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void ALabelValue_WithABackslashAQuoteAndALineFeed_IsEscaped_AndStaysOneSampleLine()
    {
        using var collector = new MetricsCollector(Meters);
        var counter = Meters.Create(DatabaseMetrics.MeterName).CreateCounter<long>("rt_test", description: "Help with a \\ and a\nline feed");

        counter.Add(2, new KeyValuePair<string, object?>("table", "a\"b\\c\nd"));
        var lines = collector.Render().TrimEnd('\n').Split('\n');

        Assert.Equal(
            ["# HELP rt_test_total Help with a \\\\ and a\\nline feed", "# TYPE rt_test_total counter", "rt_test_total{table=\"a\\\"b\\\\c\\nd\"} 2"],
            lines);
        Assert.All(lines, line => Assert.Matches(ExpositionLine(), line));
    }

    [Theory]
    [InlineData("outcome", "outcome")]
    [InlineData("db.table", "db_table")]
    [InlineData("2nd", "_2nd")]
    [InlineData("", "_")]
    public void ALabelName_IsMadeValid(string key, string expected) => Assert.Equal(expected, MetricsCollector.LabelName(key));

    [Fact]
    public void TheSameTagsInAnotherOrder_AreOneSeries()
    {
        using var collector = new MetricsCollector(Meters);
        var counter = Meters.Create(DatabaseMetrics.MeterName).CreateCounter<long>("rt_test");

        counter.Add(1, new("outcome", "ok"), new("table", "memos"));
        counter.Add(1, new("table", "memos"), new("outcome", "ok"));

        Assert.Contains("rt_test_total{outcome=\"ok\",table=\"memos\"} 2\n", collector.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void CountsOfAnotherHost_OrOfAnotherMeter_AreNotExported()
    {
        using var collector = new MetricsCollector(Meters);
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherMeter = new Meter("SomethingElse");

        new DatabaseMetrics(otherHost.GetRequiredService<IMeterFactory>()).ReadFailovers.Add(1);
        otherMeter.CreateCounter<long>("rt_read_failovers").Add(1);

        Assert.Equal("", collector.Render());
    }

    /// <summary>A comment line, or a sample: a metric name, optional labels with quoted, escaped values, and a value.</summary>
    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? -?[0-9]+)$""")]
    private static partial Regex ExpositionLine();
}
