using Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Email;

/// <summary>
/// The sender that <c>Alerts:Email:Provider</c> names (registered keyed by its <see cref="EmailProvider"/>), chosen when
/// a message is sent (settings are validated then, not at build).
/// </summary>
public sealed class ConfiguredEmailSender(IOptions<EmailOptions> options, IServiceProvider services) : IEmailSender
{
    public Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var provider = options.Value.Provider;
        var sender = services.GetKeyedService<IEmailSender>(provider) ?? throw new InvalidOperationException(
            $"No email sender is registered for Alerts:Email:Provider '{provider}'.");
        return sender.SendAsync(message, cancellationToken);
    }
}
