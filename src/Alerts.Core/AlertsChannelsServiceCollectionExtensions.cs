using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts;

/// <summary>The delivery channels (email, webhook) with their onboarding: confirmation emails and webhook handshakes.</summary>
public static class AlertsChannelsServiceCollectionExtensions
{
    public static IServiceCollection AddAlertsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
