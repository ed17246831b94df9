using System.Threading.Channels;
using MimeKit;

namespace ReadingTracker.Api.Mail;

/// <summary>
/// Mails leave in the background: a request that mails answers as fast as one that does not, so the
/// time taken never tells whether an account exists, and a slow SMTP server never holds a request.
/// Bounded: under a flood the newest mails are dropped (and logged) rather than memory growing.
/// </summary>
public sealed partial class MailQueue(ILogger<MailQueue> logger)
{
    private readonly Channel<MimeMessage> _channel = Channel.CreateBounded<MimeMessage>(
        new BoundedChannelOptions(500) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Enqueue(MimeMessage message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            LogMailDropped(logger, message.Subject ?? "");
        }
    }

    public IAsyncEnumerable<MimeMessage> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);

    [LoggerMessage(EventId = 7001, EventName = "MailDropped", Level = LogLevel.Warning, Message = "Mail queue full; dropped \"{Subject}\"")]
    private static partial void LogMailDropped(ILogger logger, string subject);
}
