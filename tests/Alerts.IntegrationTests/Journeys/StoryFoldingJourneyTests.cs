using System.Text.Json;
using Alerts.IntegrationTests.Faults;
using Alerts.Tests.Stories;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// One story carried by several outlets, as a desk sees it through the built <c>alerts</c> binary: <c>alerts run</c>,
/// <c>alerts receive</c> as the endpoint of an immediate and an hourly webhook subscription, and <c>alerts upload</c> of
/// each outlet's copy (own headline, byline, boilerplate, light edits). Three copies make one alert; a copy with
/// substantial new reporting one update; the hourly digest shows the story once, also reported by the two other
/// outlets; and two copies of another story uploaded at the same moment make one alert.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class StoryFoldingJourneyTests
{
    private const string Rule = "state-of-emergency";

    [Fact]
    public async Task Copies_of_one_story_alert_once_an_update_once_more_and_the_digest_names_the_other_outlets()
    {
        await using var local = await LocalRun.StartAsync(mail: false);
        var port = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hook = $"http://127.0.0.1:{port}/hooks/alerts";
        var files = Directory.CreateTempSubdirectory("alerts-story-copies-");
        using var receiver = local.Start("receive", "--port", port);
        await receiver.WaitForLineAsync(l => l.Contains("Receiving webhooks at", StringComparison.Ordinal), LocalRun.Patience, "that it is receiving");
        await local.AlertsOkAsync("subscribe", "--webhook", hook + "?desk=now", "--rule", Rule, "--cadence", "immediate", "--api", local.Api);
        await local.AlertsOkAsync("subscribe", "--webhook", hook + "?desk=hourly", "--rule", Rule, "--cadence", "hourly", "--api", local.Api);
        await local.EventuallyAsync(() => Task.FromResult(receiver.Lines.Count(l => l.Contains("handshake", StringComparison.Ordinal)) >= 2 ? "both" : null), "both handshakes");

        // Three outlets' copies, one after another.
        foreach (var (name, outlet) in new[] { ("wire.txt", 0), ("valley.txt", 1), ("herald.txt", 2) })
        {
            await UploadAsync(local, files, name, WireCopies.Outlet(outlet));
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(Alerts(receiver) == 1, $"Expected one alert for three copies.{receiver.Tail()}");
        Assert.Contains(receiver.Lines, l => l.Contains("Norland declares emergency", StringComparison.Ordinal));

        // The results API links a copy to its story.
        var copy = await ArticleOfAsync(local, "valley.txt");
        using (var details = JsonDocument.Parse(await local.Http.GetStringAsync(new Uri($"{local.Api}/api/articles/{copy}"))))
        {
            var story = details.RootElement.GetProperty("story");
            var wire = await ArticleOfAsync(local, "wire.txt");
            Assert.Equal(wire, story.GetProperty("id").GetString());
            Assert.Equal($"/api/articles/{wire}", story.GetProperty("link").GetString());
        }

        // The hourly digest, now: the story once, with the two other outlets.
        var hourly = await HourlyIdAsync(local);
        await local.AlertsOkAsync("send-digests", "--subscription", hourly, "--now", "--api", local.Api);
        await local.EventuallyAsync(() => Task.FromResult(Alerts(receiver) >= 2 ? "digest" : null), "the hourly digest");
        var digest = receiver.Lines.SkipWhile(l => !l.Contains("for " + hourly, StringComparison.Ordinal)).ToList();
        Assert.Single(digest, l => l.Contains('→', StringComparison.Ordinal));
        Assert.Contains(digest, l => l.Contains("also reported by 2 outlets: valleytimes.example, cityherald.example", StringComparison.Ordinal));

        // A copy with substantial new reporting: one more alert, as an update.
        await UploadAsync(local, files, "coast.txt", WireCopies.Outlet(3));
        await local.EventuallyAsync(() => Task.FromResult(Alerts(receiver) >= 3 ? "update" : null), "the update");
        Assert.Contains(receiver.Lines, l => l.Contains("update to a story already reported", StringComparison.Ordinal));

        // Another story's two copies uploaded at the same moment: one alert.
        var first = Path.Combine(files.FullName, "port-a.txt");
        var second = Path.Combine(files.FullName, "port-b.txt");
        await File.WriteAllTextAsync(first, "Harbour strike: emergency declared in Ostra\n\n" + PortStory);
        await File.WriteAllTextAsync(second, "Ostra port closed as authorities declare emergency | Bay News\n\nBy Ivo Dal, Bay News\n\n"
            + PortStory.Replace("on Friday", "on Friday morning", StringComparison.Ordinal) + "\n\nFollow us for more stories like this.");
        await local.AlertsOkAsync("upload", first, second);
        await local.Run.WaitForLineAsync(l => l.Contains("Analysed", StringComparison.Ordinal) && l.Contains("from port-a.txt", StringComparison.Ordinal), LocalRun.Patience, "port-a analysed");
        await local.Run.WaitForLineAsync(l => l.Contains("Analysed", StringComparison.Ordinal) && l.Contains("from port-b.txt", StringComparison.Ordinal), LocalRun.Patience, "port-b analysed");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(Alerts(receiver) == 4, $"Expected one alert for two copies at the same moment.{receiver.Tail()}");
        files.Delete(recursive: true);
    }

    private const string PortStory =
        "Authorities in the port city of Ostra declared a state of emergency on Friday after a strike by dock workers left more than forty ships waiting at anchor and fuel stations across the region running dry.\n\n"
        + "The regional governor said the decree allows the coast guard to escort tankers into the harbour and lets the authorities bring in workers from other ports to unload fuel and medicine.\n\n"
        + "Union leaders called the decision an attack on the right to strike and said their members would not return to work until the port operator agreed to talks on pay and safety.\n\n"
        + "Long queues formed at petrol stations in Ostra and the neighbouring towns, and several bus companies cancelled routes for the weekend because they could not refuel their vehicles.";

    private static int Alerts(RunningCommand receiver) => receiver.Lines.Count(l => l.StartsWith('■'));

    private static async Task UploadAsync(LocalRun local, DirectoryInfo files, string name, string text)
    {
        var path = Path.Combine(files.FullName, name);
        await File.WriteAllTextAsync(path, text);
        await local.AlertsOkAsync("upload", path);
        await local.Run.WaitForLineAsync(l => l.Contains("Analysed", StringComparison.Ordinal) && l.Contains("from " + name, StringComparison.Ordinal), LocalRun.Patience, $"{name} analysed");
    }

    private static async Task<string> ArticleOfAsync(LocalRun local, string name)
    {
        using var list = JsonDocument.Parse(await local.Http.GetStringAsync(new Uri($"{local.Api}/api/articles")));
        return list.RootElement.GetProperty("items").EnumerateArray()
            .First(u => u.GetProperty("name").GetString()!.EndsWith(name, StringComparison.Ordinal)).GetProperty("articleId").GetString()!;
    }

    private static async Task<string> HourlyIdAsync(LocalRun local)
    {
        using var list = JsonDocument.Parse(await local.Http.GetStringAsync(new Uri($"{local.Api}/api/subscriptions")));
        return list.RootElement.EnumerateArray().First(s => s.GetRawText().Contains("hourly", StringComparison.Ordinal)).GetProperty("id").GetString()!;
    }
}
