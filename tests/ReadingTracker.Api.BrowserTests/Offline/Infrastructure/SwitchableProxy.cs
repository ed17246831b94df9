using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ReadingTracker.Api.BrowserTests.Offline.Infrastructure;

/// <summary>
/// A TCP pass-through in front of a real server, on a fixed loopback port. Stop() closes the port and cuts
/// every open connection, so to the browser the server is gone (connection refused), exactly as when the
/// process stops; Start() opens the same port again. The server behind it never notices.
/// </summary>
public sealed class SwitchableProxy : IDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public SwitchableProxy(Uri upstream)
    {
        _upstream = new IPEndPoint(IPAddress.Loopback, upstream.Port);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Listen(listener);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public bool IsUp
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Listen(listener);
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            if (_listener is null)
            {
                return;
            }

            _stop.Cancel();
            _listener.Stop();
            _listener = null;
            foreach (var socket in _open.Keys)
            {
                socket.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Listen(TcpListener listener)
    {
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _listener = listener;
        _ = AcceptAsync(listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(client, ct);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken ct)
    {
        using var upstream = new TcpClient();
        _open[client] = 0;
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_upstream, ct);
            var down = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, ct), up.CopyToAsync(down, ct));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Cut by Stop() or by either side: both sockets close below.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
            client.Dispose();
        }
    }
}
