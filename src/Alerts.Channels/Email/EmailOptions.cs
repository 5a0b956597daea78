using System.ComponentModel.DataAnnotations;
using Alerts.Configuration;

namespace Alerts.Channels.Email;

/// <summary>The email channel: sender, and the SMTP relay or Azure Communication Services. Settings: <c>Alerts__Email__*</c>.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Email";

    /// <summary><c>smtp</c> (MailKit, any relay) or <c>acs</c> (Azure Communication Services Email REST API, managed identity).</summary>
    public EmailProvider Provider { get; set; } = EmailProvider.Smtp;

    /// <summary>The From address (for ACS, a sender address of a domain connected to the resource).</summary>
    [Required]
    public string Sender { get; set; } = "";

    /// <summary>The From display name.</summary>
    [MaxLength(100)]
    public string SenderName { get; set; } = "Alerts";

    /// <summary>SMTP relay host (provider <c>smtp</c>).</summary>
    public string? SmtpHost { get; set; }

    /// <summary>SMTP relay port: 587 (STARTTLS), 465 (TLS on connect) or a local catcher's port.</summary>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>SMTP user name, when the relay requires authentication.</summary>
    public string? SmtpUser { get; set; }

    /// <summary>SMTP password. In Azure it comes from Key Vault (a Key Vault reference), never from this setting in plain text.</summary>
    [NotDeployed("A secret: deployed apps read it through a Key Vault reference, or use ACS with managed identity.")]
    public string? SmtpPassword { get; set; }

    /// <summary>TLS to the relay: on connect for port 465, STARTTLS (required) otherwise. <c>false</c> only for a local mail catcher.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>
    /// SMTP connections kept open and reused across a batch's sends (provider <c>smtp</c>): at most this many at once,
    /// each connected and authenticated once.
    /// </summary>
    [Range(1, 64)]
    public int SmtpConnections { get; set; } = 4;

    /// <summary>Messages sent on one SMTP connection before it is closed and a new one opened (relays cap this).</summary>
    [Range(1, 10_000)]
    public int SmtpMessagesPerConnection { get; set; } = 100;

    /// <summary>The Communication Services endpoint, <c>https://&lt;resource&gt;.communication.azure.com</c> (provider <c>acs</c>).</summary>
    public Uri? AcsEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Sender.Length > 0 && EmailAddresses.Validate(Sender) is { } senderError)
        {
            yield return new ValidationResult($"{nameof(Sender)}: {senderError}", [nameof(Sender)]);
        }
        if (Provider == EmailProvider.Smtp && string.IsNullOrWhiteSpace(SmtpHost))
        {
            yield return new ValidationResult($"{nameof(SmtpHost)} is required when {nameof(Provider)} is smtp.", [nameof(SmtpHost)]);
        }
        if (Provider == EmailProvider.Acs && AcsEndpoint is not { IsAbsoluteUri: true, Scheme: "https" })
        {
            yield return new ValidationResult($"{nameof(AcsEndpoint)} must be the https:// endpoint of the Communication Services resource when {nameof(Provider)} is acs.", [nameof(AcsEndpoint)]);
        }
        if (!string.IsNullOrEmpty(SmtpPassword) && string.IsNullOrEmpty(SmtpUser))
        {
            yield return new ValidationResult($"{nameof(SmtpPassword)} is set without {nameof(SmtpUser)}.", [nameof(SmtpUser)]);
        }
    }
}
