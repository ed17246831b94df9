using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Recovery;

/// <summary>CRITICAL alerts: a named log event always, and a POST to Alerts:WebhookUrl when configured.</summary>
public sealed partial class AlertSender(IHttpClientFactory http, IOptions<AlertOptions> options, ILogger<AlertSender> logger)
{
    public async Task RaiseCriticalAsync(RecoveryEntry entry, CancellationToken ct)
    {
        var tables = string.Join(", ", entry.Event.Rows.Select(r => $"{r.Table}#{r.Id}"));
        LogCritical(logger, entry.Event.Id, entry.Attempts, tables, entry.LastError ?? "");
        if (string.IsNullOrWhiteSpace(options.Value.WebhookUrl))
        {
            return;
        }

        try
        {
            using var client = http.CreateClient(nameof(AlertSender));
            client.Timeout = TimeSpan.FromSeconds(5);
            using var response = await client.PostAsJsonAsync(options.Value.WebhookUrl, new
            {
                severity = "CRITICAL",
                title = "Masters diverge: recovery gave up",
                eventId = entry.Event.Id,
                truth = entry.Event.Truth.ToString(),
                rows = entry.Event.Rows,
                attempts = entry.Attempts,
                lastError = entry.LastError,
                reason = entry.Event.Reason,
            }, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            LogWebhookFailed(logger, ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1501, EventName = "RecoveryGaveUp", Level = LogLevel.Critical,
        Message = "CRITICAL ALERT: recovery event {EventId} gave up after {Attempts} attempts; rows {Rows} need manual repair (consistency repair): {Error}")]
    private static partial void LogCritical(ILogger logger, Guid eventId, int attempts, string rows, string error);

    [LoggerMessage(EventId = 1502, EventName = "AlertWebhookFailed", Level = LogLevel.Error,
        Message = "The alert webhook could not be reached: {Error}")]
    private static partial void LogWebhookFailed(ILogger logger, Exception exception, string error);
}
