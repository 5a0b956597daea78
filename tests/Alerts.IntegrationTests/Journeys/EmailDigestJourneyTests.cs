using System.Net;
using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Faults;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// The README's email journey as a newcomer walks it, through the built <c>alerts</c> binary: <c>alerts run --mail</c>
/// (which starts maildev) watching a folder, <c>alerts subscribe --email</c>, the confirmation link, a sample story
/// dropped into the folder, <c>alerts send-digests --subscription … --now</c>, the digest read from maildev's REST API,
/// and the unsubscribe link (its page and button, and the List-Unsubscribe one-click header).
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class EmailDigestJourneyTests
{
    private const string Title = "Hundreds Killed As Fighting Engulfs Khartoum; Flights Suspended";

    [Fact]
    public async Task Subscribe_confirm_send_now_read_the_digest_and_unsubscribe_from_the_mail()
    {
        await using var local = await LocalRun.StartAsync(mail: true);
        var mail = local.Mail!;
        var ct = CancellationToken.None;
        var address = $"desk-{Guid.NewGuid():N}@example.org";

        // Subscribe; the confirmation mail's link confirms.
        var subscribed = await local.AlertsOkAsync("subscribe", "--email", address, "--rule", "casualties", "--cadence", "hourly", "--api", local.Api);
        Assert.Contains("pending", subscribed, StringComparison.Ordinal);
        var confirmation = await local.EventuallyAsync(async () => (await mail.ToAsync(address, ct)) is [var first, ..] ? first : null, "the confirmation mail");
        var confirm = ConfirmLink().Match(confirmation.Text);
        Assert.True(confirm.Success, $"No confirmation link in:\n{confirmation.Text}");
        // The link shows a page (a link scanner fetching it subscribes no one) whose button POSTs.
        var confirmUrl = new Uri(confirm.Value);
        var confirmPage = await local.Http.GetStringAsync(confirmUrl, ct);
        var confirmForm = Form().Match(confirmPage);
        Assert.True(confirmForm.Success, $"No form on the confirmation page:\n{confirmPage}");
        Row(await local.AlertsOkAsync("subscriptions", "--api", local.Api), address, "pending"); // still pending after the GET
        using (var page = await local.Http.PostAsync(new Uri(confirmUrl, WebUtility.HtmlDecode(confirmForm.Groups[1].Value)), null, ct))
        {
            var html = await page.Content.ReadAsStringAsync(ct);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode}: {html}{local.Run.Tail()}");
            Assert.Contains("Subscription confirmed", html, StringComparison.Ordinal);
        }
        var id = Row(await local.AlertsOkAsync("subscriptions", "--api", local.Api), address, "active").Id;

        // A story after the confirmation, dropped into the watched folder; the run terminal shows it analysed.
        File.Copy(Path.Combine(TestArticles.RepoRoot, "samples", "sudan-khartoum-fighting.md"), Path.Combine(local.Inbox.FullName, "sudan-khartoum-fighting.md"));
        await local.Run.WaitForLineAsync(l => l.Contains(Title, StringComparison.Ordinal) && l.Contains("casualties", StringComparison.Ordinal), LocalRun.Patience, "the story analysed");

        // The digest now, instead of after the top of the hour.
        var sent = await local.AlertsOkAsync("send-digests", "--subscription", id, "--now", "--api", local.Api);
        Assert.Contains("sent", sent, StringComparison.Ordinal);
        var digest = await local.EventuallyAsync(async () => (await mail.ToAsync(address, ct)) is [_, var second, ..] ? second : null, "the digest mail");
        Assert.Contains(Title, digest.Subject, StringComparison.Ordinal);
        Assert.Contains(Title, digest.Html, StringComparison.Ordinal);
        Assert.Contains("Casualties reported", digest.Html, StringComparison.Ordinal); // the rule in words, not its id
        Assert.Contains("Casualties reported", digest.Text, StringComparison.Ordinal);
        // Article text is HTML-encoded: the story's apostrophes reach the reader, as entities in the HTML part.
        Assert.DoesNotContain("Sudan's army", digest.Html, StringComparison.Ordinal);
        Assert.Contains("Sudan's army", WebUtility.HtmlDecode(digest.Html), StringComparison.Ordinal);

        // Unsubscribe from the mail: its link shows a page (a mail scanner fetching it changes nothing) whose button POSTs.
        var link = UnsubscribeLink().Match(digest.Text);
        Assert.True(link.Success, $"No unsubscribe link in:\n{digest.Text}");
        var unsubscribe = new Uri(link.Value);
        var pageHtml = await local.Http.GetStringAsync(unsubscribe, ct);
        var form = Form().Match(pageHtml);
        Assert.True(form.Success, $"No form on the unsubscribe page:\n{pageHtml}");
        Assert.Equal("active", await StatusAsync(local, id));
        var fields = Hidden().Matches(form.Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        using (var button = await local.Http.PostAsync(new Uri(unsubscribe, WebUtility.HtmlDecode(form.Groups[1].Value)), new FormUrlEncodedContent(fields), ct))
        {
            Assert.Equal(HttpStatusCode.OK, button.StatusCode);
        }
        Assert.Equal("unsubscribed", await StatusAsync(local, id));

        // The same link in the List-Unsubscribe header, with RFC 8058 one-click, as a mail client's button sends it.
        var source = await mail.SourceAsync(digest, ct);
        Assert.Equal($"<{unsubscribe}>", source.Headers["List-Unsubscribe"]?.Trim());
        Assert.Equal("List-Unsubscribe=One-Click", source.Headers["List-Unsubscribe-Post"]?.Trim());
        using (var oneClick = await local.Http.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), ct))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }
        Row(await local.AlertsOkAsync("subscriptions", "--api", local.Api), address, "unsubscribed");

        // A later story: neither send-now nor the digest timer's work sends anything to the address.
        File.Copy(Path.Combine(TestArticles.RepoRoot, "samples", "kazakhstan-emergency.txt"), Path.Combine(local.Inbox.FullName, "kazakhstan-emergency.txt"));
        await local.Run.WaitForLineAsync(l => l.Contains("Kazakh President Extends State Of Emergency", StringComparison.Ordinal), LocalRun.Patience, "the later story analysed");
        var (laterCode, later) = await local.AlertsAsync("send-digests", "--subscription", id, "--now", "--api", local.Api);
        Assert.True(laterCode != 0, $"send-now for an unsubscribed subscription succeeded:\n{later}");
        await local.AlertsOkAsync("send-digests");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, (await mail.ToAsync(address, ct)).Count);

        local.AssertRunOutputIsOneStyleAndPrivate(address);
    }

    /// <summary>The row of <c>alerts subscriptions</c> for the address, as a person reads the table.</summary>
    private static (string Id, string Line) Row(string table, string address, string status)
    {
        var line = table.Split('\n').FirstOrDefault(l => l.Contains(address, StringComparison.OrdinalIgnoreCase));
        Assert.True(line is not null && line.Contains(status, StringComparison.Ordinal), $"No {status} row for the address in:\n{table}");
        return (line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0], line);
    }

    private static async Task<string> StatusAsync(LocalRun local, string id)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await local.Http.GetStringAsync(new Uri($"{local.Api}/api/subscriptions/{id}")));
        return doc.RootElement.GetProperty("status").GetString()!;
    }

    [GeneratedRegex(@"https?://\S+/api/confirm\?token=[^\s>""]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://\S+/api/unsubscribe\?token=[^\s>""]+")]
    private static partial Regex UnsubscribeLink();

    [GeneratedRegex(@"<form[^>]*action=""([^""]+)""[\s\S]*?</form>")]
    private static partial Regex Form();

    [GeneratedRegex(@"<input[^>]*type=""hidden""[^>]*name=""([^""]+)""[^>]*value=""([^""]*)""")]
    private static partial Regex Hidden();
}
