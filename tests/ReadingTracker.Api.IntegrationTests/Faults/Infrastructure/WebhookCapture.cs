using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

/// <summary>A tiny local HTTP endpoint that records the JSON bodies POSTed to it (the alert webhook).</summary>
public sealed class WebhookCapture : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _received = new();

    public WebhookCapture()
    {
        Url = $"http://127.0.0.1:{MariaDbPair.FreePort()}/alerts/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    public string Url { get; }

    public IReadOnlyList<JsonElement> Received => [.. _received];

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                _received.Enqueue(JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone());
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
