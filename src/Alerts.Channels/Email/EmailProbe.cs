using System.ComponentModel.DataAnnotations;
using Alerts.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Email;

/// <summary>
/// The health route's email check: which provider sends, and whether its settings are complete and its sender is
/// registered. Sends nothing and names no host, address or endpoint.
/// </summary>
public sealed class EmailProbe(IOptions<EmailOptions> options, IServiceProvider services) : IDependencyProbe
{
    public string Name => "email";

    // Without email, subscriptions and webhooks still work; digests wait in the ledger and are retried.
    public bool Required => false;

    public Task<DependencyHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var provider = settings.Provider.ToString().ToLowerInvariant();
        var complete = Validator.TryValidateObject(settings, new ValidationContext(settings), null, validateAllProperties: true);
        var registered = services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IEmailSender), settings.Provider) ?? false;
        var result = complete && registered
            ? DependencyHealth.Configured(provider)
            : new DependencyHealth("not-configured", false, $"{provider}: {(complete ? "no sender registered" : "settings incomplete")}");
        return Task.FromResult(result);
    }
}
