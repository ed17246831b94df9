using System.Text.RegularExpressions;
using MimeKit;
using ReadingTracker.Api.IntegrationTests.Infrastructure;

namespace ReadingTracker.Api.IntegrationTests.Auth;

/// <summary>The server writes its mails as .eml files into the data folder, as a development deployment would.</summary>
public sealed class MailPickupAppFactory : AppFactory
{
    public string MailDirectory => Path.Combine(DataDirectoryPath, "mail");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:PickupDirectory"] = "mail",
        ["Email:PublicBaseUrl"] = "https://reading.example.com/app/",
    };
}

/// <summary>Reads the mails the server wrote, as the recipient's mail client would.</summary>
public static partial class MailPickup
{
    /// <summary>Waits (mails leave in the background) until <paramref name="count"/> mails to the address are there.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> MailsToAsync(this MailPickupAppFactory app, string address, int count = 1)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mails = Read(app.MailDirectory, address);
            if (mails.Count >= count || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.True(mails.Count >= count, $"{mails.Count} of {count} mails to {address} arrived.");
                return mails;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Every mail to the address written so far (after a short grace for mails still queued).</summary>
    public static async Task<IReadOnlyList<MimeMessage>> MailsSoFarAsync(this MailPickupAppFactory app, string address)
    {
        await Task.Delay(500);
        return Read(app.MailDirectory, address);
    }

    public static string ResetLink(MimeMessage mail) => LinkPattern().Match(mail.TextBody ?? "").Value;

    public static string ResetToken(MimeMessage mail)
    {
        var match = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(match.Success, mail.TextBody);
        return match.Groups["token"].Value;
    }

    private static List<MimeMessage> Read(string directory, string address) =>
        !Directory.Exists(directory)
            ? []
            : Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal)
                .Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
                .ToList();

    [GeneratedRegex(@"https?://\S+#/reset\?token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
