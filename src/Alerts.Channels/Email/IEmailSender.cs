using Alerts.Delivery;

namespace Alerts.Channels.Email;

/// <summary>Hands a rendered email to a mail service. Failures are reported, not thrown, except cancellation.</summary>
public interface IEmailSender
{
    Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
