using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace ReadingTracker.Api.Mail;

/// <summary>
/// Bound from "Email". SMTP when <see cref="SmtpOptions.Host"/> is set; otherwise each mail is written
/// as an .eml file to <see cref="PickupDirectory"/> (development, tests); with neither, no mail is
/// sent and the operator prints reset links with the "users reset-link" command.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Relative paths live in the data folder.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>
    /// Where users open the web client; mailed links start here. Configured rather than taken from the
    /// request's Host header, which a caller controls and could point a victim's reset link at itself.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080/";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public bool UsesPickupDirectory => !UsesSmtp && !string.IsNullOrWhiteSpace(PickupDirectory);

    public bool CanSend => UsesSmtp || UsesPickupDirectory;

    public bool IsValid(out string reason)
    {
        reason = "";
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            reason = "Email:PublicBaseUrl must be an absolute http(s) URL.";
        }
        else if (!MailboxAddress.TryParse(Smtp.From, out _))
        {
            reason = "Email:Smtp:From must be a mail address.";
        }
        else if (Smtp.Port is < 1 or > 65535)
        {
            reason = "Email:Smtp:Port must be between 1 and 65535.";
        }
        else if (string.IsNullOrEmpty(Smtp.User) != string.IsNullOrEmpty(Smtp.Password))
        {
            reason = "Email:Smtp:User and Email:Smtp:Password go together.";
        }

        return reason.Length == 0;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        IsValid(out var reason) ? [] : [new ValidationResult(reason)];
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Reading Tracker <noreply@localhost>";

    /// <summary>TLS from the first byte on port 465, STARTTLS (required, not opportunistic) on any other port.</summary>
    public bool UseTls { get; set; } = true;
}
