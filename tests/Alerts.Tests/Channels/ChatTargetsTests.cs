using Alerts.Subscriptions;

namespace Alerts.Tests.Channels;

/// <summary>A Teams or Slack webhook URL is the channel's credential: listings show its host only.</summary>
public sealed class ChatTargetsTests
{
    private static Subscription Sub(Channel channel, string target) => new()
    {
        Id = "sub_1", Channel = channel, Target = target, Rules = ["r"], Queries = [], Cadence = Cadence.Hourly,
        Status = SubscriptionStatus.Active, CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData(Channel.Slack, "https://hooks.slack.com/services/T000/B000/XXXXSECRET", "https://hooks.slack.com/…")]
    [InlineData(Channel.Teams, "https://prod-01.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=SECRET", "https://prod-01.westeurope.logic.azure.com/…")]
    [InlineData(Channel.Slack, "not a url", "…")]
    public void Chat_targets_are_shown_as_their_host(Channel channel, string target, string shown)
    {
        var view = SubscriptionView.From(Sub(channel, target));

        Assert.Equal(shown, view.Target);
        Assert.DoesNotContain("SECRET", view.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_and_email_targets_are_shown_whole()
    {
        Assert.Equal("https://receiver.example/hook", SubscriptionView.From(Sub(Channel.Webhook, "https://receiver.example/hook")).Target);
        Assert.Equal("desk@example.org", SubscriptionView.From(Sub(Channel.Email, "desk@example.org")).Target);
    }
}
