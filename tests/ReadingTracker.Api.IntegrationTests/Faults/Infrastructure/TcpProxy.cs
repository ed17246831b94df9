using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReadingTracker.Api.IntegrationTests.Faults.Infrastructure;

/// <summary>
/// A TCP proxy the test controls, between the server and one MariaDB: cut every connection, refuse new
/// ones, delay traffic, or fire a fault at an exact point of the conversation (the next bytes a client
/// sends; the reply to a COMMIT) — the moments a process kill cannot hit.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly Lock _armLock = new();
    private Action? _onNextClientSend;
    private string? _loseReplyAfter;

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>New connections are accepted and reset at once (a refused connection, seen by the client).</summary>
    public bool RefuseNew { get; set; }

    /// <summary>Added before every chunk is forwarded, in both directions.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Fired faults so far, so that a test can assert its fault really happened.</summary>
    public int Fired { get; private set; }

    /// <summary>Reset every open connection (both sides).</summary>
    public void CutAll()
    {
        foreach (var link in _links.Keys)
        {
            link.Close();
        }
    }

    /// <summary>Back to a transparent proxy.</summary>
    public void Heal()
    {
        RefuseNew = false;
        Delay = TimeSpan.Zero;
        lock (_armLock)
        {
            _onNextClientSend = null;
            _loseReplyAfter = null;
        }
    }

    /// <summary>
    /// The next bytes any client sends are not forwarded: <paramref name="fault"/> runs first, then this
    /// proxy cuts every connection and refuses new ones.
    /// </summary>
    public void FailOnNextClientSend(Action fault)
    {
        lock (_armLock)
        {
            _onNextClientSend = fault;
        }
    }

    /// <summary>
    /// The next client packet containing <paramref name="statement"/> (ASCII, case-insensitive) reaches the
    /// server, but its reply is lost: the connection is cut and new ones are refused.
    /// </summary>
    public void LoseReplyTo(string statement)
    {
        lock (_armLock)
        {
            _loseReplyAfter = statement;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (RefuseNew)
            {
                Reset(client);
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                Reset(client);
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            _links[link] = 0;
            _ = PumpAsync(link, toServer: true);
            _ = PumpAsync(link, toServer: false);
        }
    }

    private async Task PumpAsync(Link link, bool toServer)
    {
        var (from, to) = toServer ? (link.Client, link.Server) : (link.Server, link.Client);
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, _stop.Token);
                }

                if (toServer && TakeNextSendFault() is { } fault)
                {
                    Fired++;
                    fault();
                    RefuseNew = true;
                    CutAll();
                    break;
                }

                if (!toServer && link.LoseReplies)
                {
                    Fired++;
                    RefuseNew = true;
                    CutAll();
                    break;
                }

                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (toServer && MatchesLoseReply(buffer.AsSpan(0, read)))
                {
                    link.LoseReplies = true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The other side closed or the test cut the link.
        }

        link.Close();
        _links.TryRemove(link, out _);
    }

    private Action? TakeNextSendFault()
    {
        lock (_armLock)
        {
            var fault = _onNextClientSend;
            _onNextClientSend = null;
            return fault;
        }
    }

    private bool MatchesLoseReply(ReadOnlySpan<byte> chunk)
    {
        lock (_armLock)
        {
            if (_loseReplyAfter is null || !Encoding.ASCII.GetString(chunk).Contains(_loseReplyAfter, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            _loseReplyAfter = null;
            return true;
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client?.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        client.Dispose();
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public volatile bool LoseReplies;

        public void Close()
        {
            Reset(Client);
            Reset(Server);
        }
    }
}
