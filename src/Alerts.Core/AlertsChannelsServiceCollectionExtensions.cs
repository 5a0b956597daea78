using Alerts.Channels.Email;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Subscriptions;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts;

/// <summary>The delivery channels (email, webhook) with their onboarding: confirmation emails and webhook handshakes.</summary>
public static class AlertsChannelsServiceCollectionExtensions
{
    public static IServiceCollection AddAlertsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Email: templates, the sender the settings choose, the channel and the double opt-in.
        services.TryAddSingleton<EmailTemplates>();
        services.TryAddSingleton<SmtpEmailSender>();
        services.TryAddSingleton(sp => new AcsEmailSender(
            sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetService<TokenCredential>() ?? new DefaultAzureCredential(),
            sp.GetService<AcsEmailClientOptions>() ?? new AcsEmailClientOptions(),
            sp.GetRequiredService<ILogger<AcsEmailSender>>()));
        services.TryAddSingleton<IEmailSender, ConfiguredEmailSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestChannel, EmailChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelOnboarding, EmailOnboarding>());

        // Webhooks: the SSRF guard pins every connection to a checked address; redirects are never followed.
        services.TryAddSingleton<WebhookTargetGuard>();
        services.AddHttpClient(WebhookClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // Target URLs can carry receivers' tokens: the client's default request logging is left out.
            .RemoveAllLoggers();
        services.TryAddSingleton<WebhookClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelOnboarding, WebhookOnboarding>());
        return services;
    }
}
