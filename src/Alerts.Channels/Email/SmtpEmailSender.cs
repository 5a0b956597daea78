using System.Net.Sockets;
using Alerts.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Alerts.Channels.Email;

/// <summary>
/// Sends through any SMTP relay with MailKit: a local mail catcher, SendGrid, Azure Communication Services SMTP.
/// Connections are kept and reused across sends (<see cref="SmtpConnectionPool"/>); a kept connection the relay has
/// dropped is replaced once and the message sent on the new one.
/// </summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender, IDisposable
{
    private readonly Lazy<SmtpConnectionPool> _pool = new(() => new SmtpConnectionPool(options.Value));

    /// <summary>SMTP connections opened so far by this sender.</summary>
    public int ConnectionsOpened => _pool.IsValueCreated ? _pool.Value.Opened : 0;

    public async Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var mime = ToMime(message, settings);
        var pool = _pool.Value;
        SmtpConnectionPool.Lease? lease = null;
        var healthy = false;
        try
        {
            lease = await pool.TakeAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await lease.Client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (lease.Reused && IsConnectionLost(ex))
            {
                // A kept connection the relay closed while it was idle: one new connection, one more try.
                lease = await pool.ReconnectAsync(lease, cancellationToken).ConfigureAwait(false);
                await lease.Client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
            }
            lease.Sent++;
            healthy = true;
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
        catch (Exception ex) when (IsConnectionLost(ex) || ex is SslHandshakeException or TimeoutException)
        {
            return Failed(message, $"SMTP relay {settings.SmtpHost}:{settings.SmtpPort} unavailable: {ex.Message}");
        }
        finally
        {
            if (lease is not null)
            {
                // A connection that failed a command is not trusted with the next message.
                await pool.ReturnAsync(lease, healthy).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        if (_pool.IsValueCreated)
        {
            _pool.Value.Dispose();
        }
    }

    private static bool IsConnectionLost(Exception ex) => ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException;

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
