using Alerts.Channels.Chat;
using Alerts.Channels.Email;
using Alerts.Channels.Feeds;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Feeds;
using Alerts.Health;
using Alerts.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts;

/// <summary>
/// The delivery channels (email, webhook, Teams, Slack) with their onboarding: confirmation emails, webhook handshakes
/// and the "subscribed" message a Teams or Slack incoming webhook must accept; and the feed channel's onboarding and
/// Atom writer.
/// The email provider <c>acs</c> also needs <c>AddAlertsAcsEmail</c> (Alerts.Azure).
/// </summary>
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
        // Each sender is keyed by its provider; ACS Email comes from Alerts.Azure (AddAlertsAcsEmail).
        services.TryAddKeyedSingleton<IEmailSender, SmtpEmailSender>(EmailProvider.Smtp);
        services.TryAddSingleton<IEmailSender, ConfiguredEmailSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyProbe, EmailProbe>());
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
                // Connections are kept and reused per receiver host; at most this many at once to one host, so a batch
                // of subscribers behind one receiver queues on its connections instead of opening hundreds.
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxConnectionsPerHost,
                ConnectTimeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // Target URLs can carry receivers' tokens: the client's default request logging is left out.
            .RemoveAllLoggers();
        services.TryAddSingleton<WebhookClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestChannel, WebhookChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelOnboarding, WebhookOnboarding>());

        // Feeds: no sender (the reader fetches the feed), only the onboarding and the Atom writer.
        services.TryAddSingleton<IFeedWriter, AtomFeedWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelOnboarding, FeedOnboarding>());

        // Teams and Slack incoming webhooks: the webhook client and its SSRF guard, unsigned, onboarded by a posted message.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestChannel, TeamsChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelOnboarding, TeamsOnboarding>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDigestChannel, SlackChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelOnboarding, SlackOnboarding>());
        return services;
    }
}
