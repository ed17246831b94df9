using System.Diagnostics;
using System.Text;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Cluster;

/// <summary>
/// HAProxy running the repository's own deploy/haproxy.cfg in front of two server processes, so the configuration
/// docs/deployment.md gives is the one the fault test sends its writes through. Each answer names the instance
/// that served it (X-Served-By: app1 / app2).
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LoadBalancer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts HAProxy and waits until its health checks have both instances in the rotation.</summary>
    public static async Task<LoadBalancer> StartAsync(ServerProcess first, ServerProcess second)
    {
        var port = ServerProcess.FreePort();
        var info = new ProcessStartInfo("haproxy", ["-db", "-f", Path.Combine(ServerProcess.RepositoryRoot(), "deploy", "haproxy.cfg")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["RT_LB_BIND"] = $"127.0.0.1:{port}";
        info.Environment["RT_LB_APP1"] = first.Address.Authority;
        info.Environment["RT_LB_APP2"] = second.Address.Authority;
        var process = Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start (scripts/services.sh install puts it in).");
        var balancer = new LoadBalancer(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => balancer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await balancer.WaitForBothInstancesAsync();
        return balancer;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    private async Task WaitForBothInstancesAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        while (seen.Count < 2 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("api/v1/health/live");
                if (response.IsSuccessStatusCode && response.Headers.TryGetValues("X-Served-By", out var servers))
                {
                    seen.Add(servers.Single());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        if (seen.Count < 2)
        {
            throw new TimeoutException($"haproxy did not put both instances in its rotation in 30 s (saw {string.Join(", ", seen)}):\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
