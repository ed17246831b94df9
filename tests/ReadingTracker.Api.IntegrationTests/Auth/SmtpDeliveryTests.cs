using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>
/// A real SMTP server of this class's own: Python's standard-library debugging server, which accepts
/// every mail and prints it. The server talks to it through MailKit exactly as it would to a relay.
/// </summary>
public sealed class SmtpAppFactory : AppFactory
{
    private Process? _smtp;

    public int Port { get; } = FreePort();

    public ConcurrentQueue<string> Printed { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:Smtp:From"] = "Reading Tracker <noreply@reading.example.com>",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _smtp = Process.Start(new ProcessStartInfo("python3", $"-u -m smtpd -n -c DebuggingServer 127.0.0.1:{Port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("python3 did not start.");
        _smtp.OutputDataReceived += (_, e) => Printed.Enqueue(e.Data ?? "");
        _smtp.BeginOutputReadLine();
        // Python takes a few seconds to start on a busy machine (it once took over 5 s while the tests shared two cores).
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_smtp.HasExited)
            {
                throw new InvalidOperationException($"The SMTP server exited with {_smtp.ExitCode}: {await _smtp.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("The SMTP server did not listen in 60 s.");
    }

    public override async Task DisposeAsync()
    {
        _smtp?.Kill();
        _smtp?.WaitForExit();
        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed partial class SmtpDeliveryTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    [Fact]
    public async Task VerifyAccount_SendsTheResetLinkBySmtp_AndTheLinkWorks()
    {
        var client = await app.CreateApiClient().SignUpAndLoginAsync();
        var english = app.CreateApiClient();
        english.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var verify = await english.PostAsync("/api/v1/auth/verify-account", new { loginId = client.LoginId, email = $"{client.LoginId}@example.com" });

        Assert.True(verify.Ok, verify.ToString());
        var token = await TokenPrintedAsync(client.LoginId);
        var reset = await app.CreateApiClient().PostAsync("/api/v1/auth/reset-password", new { resetToken = token, newPassword = "n3w-p@ssword", confirmPassword = "n3w-p@ssword" });
        Assert.True(reset.Ok, reset.ToString());
        Assert.True((await app.CreateApiClient().LoginAsync(client.LoginId, "n3w-p@ssword")).Ok);
    }

    /// <summary>The token of the mail whose recipient is this user, once the SMTP server printed it.</summary>
    private async Task<string> TokenPrintedAsync(string loginId)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            var text = string.Join("\n", app.Printed);
            var start = text.IndexOf($"{loginId}@example.com", StringComparison.Ordinal);
            var match = start < 0 ? Match.Empty : TokenPattern().Match(text, start);
            if (match.Success)
            {
                return match.Groups["token"].Value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No mail reached the SMTP server:\n" + string.Join("\n", app.Printed));
    }

    [GeneratedRegex(@"#/reset\?token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
