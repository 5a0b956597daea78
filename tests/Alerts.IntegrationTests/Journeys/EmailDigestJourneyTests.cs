using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Cli;
using Alerts.IntegrationTests.Faults;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// The README's email journey as a newcomer walks it: the real <c>alerts</c> binary (<c>alerts run</c> watching a
/// folder, <c>alerts subscribe</c>, <c>alerts send-digests --subscription … --now</c>, <c>alerts subscriptions</c>),
/// Azurite, and maildev read through its REST API as a mail client would.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class EmailDigestJourneyTests
{
    [Fact(Skip = "Unfinished: `alerts run` and maildev, started as child processes, did not answer on their ports within 90 s; to be debugged.")]
    public async Task Subscribe_confirm_send_now_read_the_digest_and_unsubscribe_from_the_mail()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = bounded.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var smtpPort = LoopbackPorts.Free();
        var webPort = LoopbackPorts.Free();
        var apiPort = LoopbackPorts.Free();
        var inbox = Directory.CreateTempSubdirectory("alerts-journey-");
        var api = $"http://127.0.0.1:{apiPort}";
        var settings = new Dictionary<string, string?>
        {
            ["AlertsStorage"] = storage.ConnectionString,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["Alerts:Email:Provider"] = "smtp",
            ["Alerts:Email:SmtpHost"] = "127.0.0.1",
            ["Alerts:Email:SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Email:UseTls"] = "false",
            ["Alerts:Email:Sender"] = "alerts@localhost.localdomain",
            ["Alerts:Subscriptions:PublicBaseUrl"] = api,
        };
        using var maildev = StartMaildev(smtpPort, webPort);
        using var run = AlertsCli.Start(settings, "run", "--watch", inbox.FullName, "--port", apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var runOutput = Drain(run);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var mail = new Uri($"http://127.0.0.1:{webPort}/email");
            await EventuallyAsync(async () => (await TryGetAsync(http, new Uri($"{api}/api/rules"), ct)) == HttpStatusCode.OK
                && (await TryGetAsync(http, mail, ct)) == HttpStatusCode.OK, ct);

            // Subscribe with the CLI; the confirmation mail's link confirms.
            var address = $"desk-{Guid.NewGuid():N}@example.org";
            var (code, output) = await AlertsCli.RunAsync(settings, "subscribe", "--email", address, "--rule", "state-of-emergency", "--cadence", "hourly", "--api", api);
            Assert.True(code == 0, output);
            var confirmation = await EventuallyFindAsync(async () => (await MailsToAsync(http, mail, address, ct)).Select(m => (JsonElement?)m).FirstOrDefault(), ct);
            var confirm = ConfirmLink().Match(confirmation.GetProperty("text").GetString()!).Value;
            using (var page = await http.GetAsync(new Uri(confirm), ct))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("<html", await page.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);
            }
            var id = await IdOfAsync(http, api, address, ct);

            // Drop a story, then send this subscription's digest now instead of waiting for the hour.
            var story = TestArticles.UniqueWireStory();
            var title = story.Split('\n')[0].Trim();
            await File.WriteAllTextAsync(Path.Combine(inbox.FullName, "story.txt"), story, ct);
            await EventuallyAsync(async () =>
            {
                var (sendCode, sendOutput) = await AlertsCli.RunAsync(settings, "send-digests", "--subscription", id, "--now", "--api", api);
                return sendCode == 0 && sendOutput.Contains("sent", StringComparison.Ordinal) && !sendOutput.Contains("Nothing new", StringComparison.Ordinal);
            }, ct, TimeSpan.FromSeconds(1));

            var digest = await EventuallyFindAsync(async () => (await MailsToAsync(http, mail, address, ct)).Skip(1).Select(m => (JsonElement?)m).FirstOrDefault(), ct);
            Assert.False(string.IsNullOrWhiteSpace(digest.GetProperty("subject").GetString()));
            var html = digest.GetProperty("html").GetString()!;
            Assert.Contains(WebUtility.HtmlEncode(title), html, StringComparison.Ordinal);
            Assert.Contains("state of emergency", WebUtility.HtmlDecode(html), StringComparison.OrdinalIgnoreCase);

            // Unsubscribe through the mail's List-Unsubscribe link: GET shows a page whose button POSTs.
            var header = digest.GetProperty("headers").EnumerateObject().Single(h => h.Name.Equals("list-unsubscribe", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
            var unsubscribe = new Uri(HttpLink().Match(header).Value);
            var pageHtml = await http.GetStringAsync(unsubscribe, ct);
            var action = WebUtility.HtmlDecode(FormAction().Match(pageHtml).Groups[1].Value);
            using (var posted = await http.PostAsync(new Uri(unsubscribe, action), null, ct))
            {
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }
            var (listCode, list) = await AlertsCli.RunAsync(settings, "subscriptions", "--api", api);
            Assert.True(listCode == 0, list);
            Assert.Contains(list.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("unsubscribed", StringComparison.Ordinal));

            // A later story and send-now: nothing reaches the unsubscribed address.
            await File.WriteAllTextAsync(Path.Combine(inbox.FullName, "later.txt"), TestArticles.UniqueWireStory(), ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var (laterCode, _) = await AlertsCli.RunAsync(settings, "send-digests", "--subscription", id, "--now", "--api", api);
            Assert.NotEqual(0, laterCode);
            Assert.Equal(2, (await MailsToAsync(http, mail, address, ct)).Count);
        }
        catch
        {
            Console.Error.WriteLine(runOutput.ToString());
            throw;
        }
        finally
        {
            Stop(run);
            Stop(maildev);
            inbox.Delete(recursive: true);
        }
    }

    private static async Task<string> IdOfAsync(HttpClient http, string api, string address, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{api}/api/subscriptions"), ct));
        var list = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return list.EnumerateArray().Single(s => s.GetProperty("target").GetString() == address).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> MailsToAsync(HttpClient http, Uri mail, string address, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(mail, ct));
        return [.. doc.RootElement.EnumerateArray()
            .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.Clone())];
    }

    private static Process StartMaildev(int smtp, int web)
    {
        var info = new ProcessStartInfo(Path.Combine(TestArticles.RepoRoot, "node_modules", ".bin", "maildev"))
        {
            WorkingDirectory = TestArticles.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--ip", "127.0.0.1", "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", web.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("maildev did not start.");
        Drain(process);
        return process;
    }

    private static System.Text.StringBuilder Drain(Process process)
    {
        var text = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return text;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, Uri uri, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(uri, ct);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> probe, CancellationToken ct, TimeSpan? every = null)
    {
        while (!await probe())
        {
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static async Task<T> EventuallyFindAsync<T>(Func<Task<T?>> probe, CancellationToken ct)
        where T : struct
    {
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(250, ct);
        }
    }

    [GeneratedRegex(@"https?://\S+/api/confirm\?token=[^\s>""]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://[^>\s,]+")]
    private static partial Regex HttpLink();

    [GeneratedRegex(@"<form[^>]*action=""([^""]+)""")]
    private static partial Regex FormAction();
}
