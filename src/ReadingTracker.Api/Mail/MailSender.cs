using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using ReadingTracker.Api.Persistence;

namespace ReadingTracker.Api.Mail;

/// <summary>Sends the queued mails one by one, by SMTP (MailKit) or into the pickup directory.</summary>
public sealed partial class MailSender(MailQueue queue, IOptions<EmailOptions> options, DataDirectory data, TimeProvider time, ILogger<MailSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(message, stoppingToken);
                LogMailSent(logger, message.Subject ?? "");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMailFailed(logger, ex, message.Subject ?? "", ex.Message);
            }
        }
    }

    private async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.UsesSmtp)
        {
            var smtp = settings.Smtp;
            using var client = new SmtpClient { Timeout = 30_000 };
            var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return;
        }

        var directory = Path.GetFullPath(settings.PickupDirectory!, data.Path);
        Directory.CreateDirectory(directory);
        var name = $"{time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(directory, name + ".tmp");
        // Written aside and renamed, so whoever watches the directory never reads half a mail.
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, Path.Combine(directory, name + ".eml"));
    }

    [LoggerMessage(EventId = 7002, EventName = "MailSent", Level = LogLevel.Information, Message = "Mail sent: \"{Subject}\"")]
    private static partial void LogMailSent(ILogger logger, string subject);

    [LoggerMessage(EventId = 7003, EventName = "MailFailed", Level = LogLevel.Error, Message = "Mail \"{Subject}\" could not be sent: {Reason}")]
    private static partial void LogMailFailed(ILogger logger, Exception ex, string subject, string reason);
}
