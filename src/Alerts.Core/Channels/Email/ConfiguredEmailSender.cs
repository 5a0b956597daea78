using Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Email;

/// <summary>The sender that <c>Alerts:Email:Provider</c> names, chosen when a message is sent (settings are validated then, not at build).</summary>
public sealed class ConfiguredEmailSender(IOptions<EmailOptions> options, IServiceProvider services) : IEmailSender
{
    public Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        IEmailSender sender = options.Value.Provider == EmailProvider.Acs
            ? services.GetRequiredService<AcsEmailSender>()
            : services.GetRequiredService<SmtpEmailSender>();
        return sender.SendAsync(message, cancellationToken);
    }
}
