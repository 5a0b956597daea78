using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Faults;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// The README's webhook journey, step by step as a newcomer types it, through the built <c>alerts</c> binary:
/// <c>alerts run</c>, <c>alerts receive</c> as the subscriber's endpoint, <c>alerts subscribe --webhook</c>, the receiver
/// restarted with the signing secret, <c>alerts upload</c> of a sample story, and one signed alert.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class WebhookAlertJourneyTests
{
    private const string Story = "samples/kazakhstan-emergency.txt";
    private const string Title = "Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty";

    [Fact]
    public async Task A_sample_story_reaches_the_local_receiver_as_one_signed_alert_naming_the_rule_and_the_title()
    {
        await using var local = await LocalRun.StartAsync(mail: false);
        var port = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hook = $"http://127.0.0.1:{port}/hooks/alerts";

        // 2nd terminal: the receiver, which answers the subscription's handshake.
        string secret;
        using (var receiver = local.Start("receive", "--port", port))
        {
            await receiver.WaitForLineAsync(l => l.Contains("Receiving webhooks at", StringComparison.Ordinal), LocalRun.Patience, "that it is receiving");

            // 3rd terminal: subscribe; the command prints the signing secret once.
            var subscribed = await local.AlertsOkAsync("subscribe", "--webhook", hook, "--rule", "state-of-emergency", "--cadence", "immediate", "--api", local.Api);
            Assert.Contains("active", subscribed, StringComparison.Ordinal);
            secret = Secret().Match(subscribed) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException($"No signing secret in:\n{subscribed}");
            await receiver.WaitForLineAsync(l => l.Contains("handshake for subscription", StringComparison.Ordinal), LocalRun.Patience, "the handshake");
        }

        // The receiver again, now checking every signature with that secret.
        using var verifying = local.Start("receive", "--port", port, "--secret", secret);
        await verifying.WaitForLineAsync(l => l.Contains("Receiving webhooks at", StringComparison.Ordinal), LocalRun.Patience, "that it is receiving");

        // Drop a story.
        var uploaded = await local.AlertsOkAsync("upload", Story);
        Assert.Contains("Uploaded 1 of 1", uploaded, StringComparison.Ordinal);

        // The run terminal shows it analysed; the receive terminal one alert whose signature verified.
        await local.Run.WaitForLineAsync(l => l.Contains(Title, StringComparison.Ordinal) && l.Contains("state-of-emergency", StringComparison.Ordinal), LocalRun.Patience, "the story analysed");
        var article = await verifying.WaitForLineAsync(l => l.Contains(Title, StringComparison.Ordinal), LocalRun.Patience, "the alert", () => local.Run.Tail());
        Assert.Contains("→ state-of-emergency", article, StringComparison.Ordinal);

        // Exactly one: a few more queue polls bring no second delivery, and nothing was refused.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var shown = verifying.Lines;
        Assert.True(shown.Count(l => l.StartsWith('■')) == 1, $"Expected one alert.{verifying.Tail()}");
        Assert.Single(shown, l => l.Contains("signature verified", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, l => l.Contains("refused", StringComparison.Ordinal) || l.Contains("not checked", StringComparison.Ordinal));

        local.AssertRunOutputIsOneStyleAndPrivate(secret, hook);
    }

    [GeneratedRegex(@"whsec_[A-Za-z0-9+/=_-]+")]
    private static partial Regex Secret();
}
