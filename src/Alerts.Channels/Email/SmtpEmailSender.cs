using System.Net.Sockets;
using Alerts.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Alerts.Channels.Email;

/// <summary>Sends through any SMTP relay with MailKit: a local mail catcher, SendGrid, Azure Communication Services SMTP.</summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var mime = ToMime(message, settings);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var security = !settings.UseTls ? SecureSocketOptions.None
                : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.SmtpHost ?? "localhost", settings.SmtpPort, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken).ConfigureAwait(false);
            }
            await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Sent;
        }
        catch (SmtpCommandException ex)
        {
            return Failed(message, $"SMTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}");
        }
        catch (MailKit.Security.AuthenticationException ex)
        {
            return Failed(message, $"SMTP authentication failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or TimeoutException)
        {
            return Failed(message, $"SMTP relay {settings.SmtpHost}:{settings.SmtpPort} unavailable: {ex.Message}");
        }
    }

    /// <summary>The MIME message: plain-text and HTML alternatives, a stable Message-ID and the extra headers.</summary>
    public static MimeMessage ToMime(EmailMessage message, EmailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.SenderName, settings.Sender));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var domain = settings.Sender[(settings.Sender.LastIndexOf('@') + 1)..];
        mime.MessageId = $"{message.MessageId}@{domain}";
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private DeliveryOutcome Failed(EmailMessage message, string error)
    {
        LogFailed(logger, message.MessageId, error);
        return DeliveryOutcome.Failed(error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} not sent: {Error}")]
    private static partial void LogFailed(ILogger logger, string messageId, string error);
}
