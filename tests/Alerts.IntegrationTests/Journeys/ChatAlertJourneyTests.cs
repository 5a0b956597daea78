using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Delivery;
using Alerts.IntegrationTests.Faults;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// A desk that lives in Teams and one in Slack, through the built <c>alerts</c> binary against <c>alerts run</c>:
/// <c>alerts subscribe --channel teams|slack --target &lt;incoming webhook URL&gt;</c> (loopback receivers play the
/// platforms and check every payload against their rules), sample stories uploaded with <c>alerts upload</c>, one
/// immediate alert per matching upload in each channel, an hourly digest sent with <c>alerts send-digests --now</c>;
/// and as an attacker: a story whose text tries to mention the channel and plant links, and a private-address target.
/// And a Slack webhook removed after subscribing: Slack's 404 <c>no_service</c> pauses the subscription after one try.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class ChatAlertJourneyTests
{
    private const string Story = "samples/kazakhstan-emergency.txt";
    private const string Title = "Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty";
    private const string HostileTitle = "<!channel> *URGENT* <https://evil.example/login|Reset your password>";

    [Fact]
    public async Task Teams_and_Slack_channels_get_one_alert_per_matching_upload_and_a_digest_and_article_text_stays_text()
    {
        await using var local = await LocalRun.StartAsync(mail: false);
        await using var teams = await ChatReceiver.TeamsAsync();
        await using var slack = await ChatReceiver.SlackAsync();
        await using var slackDigest = await ChatReceiver.SlackAsync();

        // Subscribe each channel; the CLI shows the URL's host only, and each channel got its "subscribed" message.
        var subscribedTeams = await local.AlertsOkAsync("subscribe", "--channel", "teams", "--target", teams.Url.ToString(), "--rule", "state-of-emergency", "--cadence", "immediate", "--api", local.Api);
        await local.AlertsOkAsync("subscribe", "--channel", "slack", "--target", slack.Url.ToString(), "--rule", "state-of-emergency", "--cadence", "immediate", "--api", local.Api);
        var subscribedDigest = await local.AlertsOkAsync("subscribe", "--channel", "slack", "--target", slackDigest.Url.ToString(), "--rule", "state-of-emergency", "--cadence", "hourly", "--api", local.Api);
        Assert.Contains("active", subscribedTeams, StringComparison.Ordinal);
        Assert.Contains($"http://{teams.Url.Authority}/…", subscribedTeams, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", subscribedTeams, StringComparison.Ordinal);
        var digestId = SubscriptionId().Match(subscribedDigest).Value;
        foreach (var receiver in new[] { teams, slack, slackDigest })
        {
            var hello = Assert.Single(receiver.Posted);
            Assert.Contains("Alerts subscription started", hello.Body, StringComparison.Ordinal);
        }
        var listed = await local.AlertsOkAsync("subscriptions", "--api", local.Api);
        Assert.DoesNotContain(slack.Url.AbsolutePath, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(teams.Url.Query, listed, StringComparison.Ordinal);

        // An attacker's URL inside the network is refused, and nothing is stored.
        var (code, refused) = await local.AlertsAsync("subscribe", "--channel", "slack", "--target", "https://10.20.30.40/services/T1/B1/x", "--rule", "state-of-emergency", "--api", local.Api);
        Assert.NotEqual(0, code);
        Assert.Contains("refused", refused, StringComparison.Ordinal);

        // Two stories: the sample, and one whose text tries to mention everyone and plant a link.
        Assert.Contains("Uploaded 1 of 1", await local.AlertsOkAsync("upload", Story), StringComparison.Ordinal);
        var hostile = Path.Combine(local.Inbox.Parent!.FullName, $"hostile-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(hostile, $"{HostileTitle}\n\nBy Test Wire January 8, 2031\n\n<!here> <@U024BE7LH> The government declared a state of emergency, "
            + "<https://evil.example/login|log in here> *now* and `run this` <b>today</b>.\n");
        try
        {
            Assert.Contains("Uploaded 1 of 1", await local.AlertsOkAsync("upload", hostile), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(hostile);
        }

        // One alert per upload in each immediate channel, each within its platform's rules.
        foreach (var receiver in new[] { teams, slack })
        {
            await local.EventuallyAsync(() => Task.FromResult(receiver.Posted.Count() >= 3 ? "both" : null), $"two alerts in {(receiver.IsTeams ? "Teams" : "Slack")}");
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        foreach (var receiver in new[] { teams, slack })
        {
            var alerts = receiver.Posted.Skip(1).ToList();
            Assert.Equal(2, alerts.Count);
            Assert.All(receiver.Received, r => Assert.Empty(r.Problems));
            Assert.Single(alerts, a => a.Body.Contains(Title, StringComparison.Ordinal));
            var attack = Assert.Single(alerts, a => a.Body.Contains("evil.example", StringComparison.Ordinal));
            Assert.DoesNotContain("<!channel>", receiver.IsTeams ? "" : attack.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<!here>", receiver.IsTeams ? "" : attack.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"url\":\"https://evil.example", attack.Body, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;!channel&gt;", slack.Posted.Last(a => a.Body.Contains("evil", StringComparison.Ordinal)).Body, StringComparison.Ordinal);

        // The hourly channel's digest now, instead of at the top of the hour: both stories in one message.
        Assert.Single(slackDigest.Posted);
        var sent = await local.AlertsOkAsync("send-digests", "--subscription", digestId, "--now", "--api", local.Api);
        Assert.Contains("sent", sent, StringComparison.Ordinal);
        var digest = await local.EventuallyAsync(() => Task.FromResult(slackDigest.Posted.Skip(1).FirstOrDefault()), "the Slack digest");
        Assert.Empty(digest.Problems);
        Assert.Contains("2 articles matched your alerts", digest.Body, StringComparison.Ordinal);
        Assert.Contains(Title, digest.Body, StringComparison.Ordinal);

        local.AssertRunOutputIsOneStyleAndPrivate(teams.Url.AbsolutePath, slack.Url.AbsolutePath, slackDigest.Url.AbsolutePath);
    }

    [Fact]
    public async Task A_Slack_webhook_that_was_removed_pauses_its_subscription_after_one_alert_and_is_not_tried_again()
    {
        await using var local = await LocalRun.StartAsync(mail: false);
        await using var removed = await ChatReceiver.SlackAsync();
        await using var witness = await ChatReceiver.SlackAsync();
        var subscribed = await local.AlertsOkAsync("subscribe", "--channel", "slack", "--target", removed.Url.ToString(), "--rule", "state-of-emergency", "--cadence", "immediate", "--api", local.Api);
        await local.AlertsOkAsync("subscribe", "--channel", "slack", "--target", witness.Url.ToString(), "--rule", "state-of-emergency", "--cadence", "immediate", "--api", local.Api);
        var id = SubscriptionId().Match(subscribed).Value;

        // The desk removes the Slack app: from now on Slack answers its webhook with 404 "no_service".
        removed.Always = 404;
        removed.AlwaysBody = "no_service";
        Assert.Contains("Uploaded 1 of 1", await local.AlertsOkAsync("upload", Story), StringComparison.Ordinal);

        var shown = await local.EventuallyAsync(async () =>
        {
            var one = await local.AlertsOkAsync("subscriptions", id, "--api", local.Api);
            return one.Contains("paused", StringComparison.Ordinal) ? one : null;
        }, "the removed webhook's subscription paused");
        Assert.Contains("no_service", shown, StringComparison.Ordinal);
        Assert.Contains("Slack answered HTTP 404", string.Join(' ', shown.Split((char[])[' ', '\n', '\r', '│'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(2, removed.Received.Count); // the "subscribed" message and the one alert attempt
        await local.EventuallyAsync(() => Task.FromResult(witness.Posted.Count() >= 2 ? "alert" : null), "the first alert in the other channel");

        // The next story reaches the other channel; the paused one is not tried again.
        var second = Path.Combine(local.Inbox.Parent!.FullName, $"second-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(second, "Second City Under State Of Emergency\n\nBy Test Wire January 9, 2031\n\n"
            + $"The regional governor declared a state of emergency in the second city on Tuesday. Reference {DeliveryHarness.UniqueCodes()}.\n");
        try
        {
            Assert.Contains("Uploaded 1 of 1", await local.AlertsOkAsync("upload", second), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(second);
        }
        await local.EventuallyAsync(() => Task.FromResult(witness.Posted.Count() >= 3 ? "alert" : null), "the second alert in the other channel");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, removed.Received.Count);
        Assert.Contains("paused", await local.AlertsOkAsync("subscriptions", id, "--api", local.Api), StringComparison.Ordinal);

        Assert.Contains(local.Run.Lines, l => l.Contains(id, StringComparison.Ordinal) && l.Contains("no_service", StringComparison.Ordinal));
        local.AssertRunOutputIsOneStyleAndPrivate(removed.Url.AbsolutePath, witness.Url.AbsolutePath, removed.Url.Segments[^1], witness.Url.Segments[^1]);
    }

    [GeneratedRegex("s[a-z2-7]{20}")]
    private static partial Regex SubscriptionId();
}
