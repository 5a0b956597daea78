using Alerts.Channels.Email;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Channels;

public sealed class ChannelRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<ISubscriptionLinks>(new Moq.Mock<ISubscriptionLinks>().Object)
            .AddAlertsChannels(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Every_channel_and_its_onboarding_are_registered_with_production_defaults()
    {
        using var services = Build(new() { ["Alerts:Email:Sender"] = "alerts@example.org", ["Alerts:Email:SmtpHost"] = "smtp.example.org" });

        Assert.Equal([Channel.Email, Channel.Webhook, Channel.Teams, Channel.Slack], services.GetServices<IDigestChannel>().Select(c => c.Channel).Order());
        // A feed takes subscribers (no address, nothing to prove) but is never sent to: its reader fetches it.
        Assert.Equal([Channel.Email, Channel.Webhook, Channel.Feed, Channel.Teams, Channel.Slack], services.GetServices<IChannelOnboarding>().Select(c => c.Channel).Order());
        var webhooks = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(15), webhooks.Timeout);
        Assert.False(webhooks.AllowLoopback);
        Assert.False(webhooks.AllowHttp);
        var email = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal(EmailProvider.Smtp, email.Provider);
        Assert.True(email.UseTls);
    }

    [Theory]
    [InlineData("smtp", null, null, "Sender")]
    [InlineData("smtp", "alerts@example.org", null, "SmtpHost")]
    [InlineData("acs", "alerts@example.org", null, "AcsEndpoint")]
    [InlineData("acs", "alerts@example.org\r\nBcc: x@example.org", "https://res.communication.azure.com", "Sender")]
    public void Bad_email_settings_stop_the_app_naming_the_setting(string provider, string? sender, string? acsEndpoint, string named)
    {
        using var services = Build(new() { ["Alerts:Email:Provider"] = provider, ["Alerts:Email:Sender"] = sender, ["Alerts:Email:AcsEndpoint"] = acsEndpoint });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailOptions>>().Value);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_timeout_over_a_minute_is_refused()
    {
        using var services = Build(new() { ["Alerts:Webhooks:Timeout"] = "00:05:00" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookOptions>>().Value);
    }
}
