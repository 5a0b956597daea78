using System.Net;
using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Channels;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// The unsubscribe link, over HTTP: a GET (what a mail scanner's prefetch does) changes nothing and shows a page whose
/// button posts the token; a POST (RFC 8058 one-click, or that button) unsubscribes at once.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed partial class UnsubscribeLinkTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_get_only_asks_and_the_page_button_unsubscribes()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());
        var subscription = await SubscriptionRows.AddActiveAsync(server.Services, $"reader-{Guid.NewGuid():N}@example.org", Channel.Email);
        var link = await LinkAsync(server, subscription);

        // A scanner fetches the link, twice.
        var page = await server.Http.GetAsync(link);
        await server.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriptionStatus.Active, await SubscriptionRows.StatusAsync(server.Services, subscription.Id));
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // The person presses the button: the browser posts the form to its action, relative to the page.
        var form = FormTag().Match(html);
        Assert.True(form.Success, html);
        Assert.Equal("post", form.Groups["method"].Value, ignoreCase: true);
        var action = new Uri(new Uri(server.Http.BaseAddress!, link), WebUtility.HtmlDecode(form.Groups["action"].Value));
        var pressed = await server.Http.PostAsync(action, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(server.Services, subscription.Id));
        Assert.Contains("Unsubscribed", await (await server.Http.GetAsync(link)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_click_post_unsubscribes_at_once()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());
        var subscription = await SubscriptionRows.AddActiveAsync(server.Services, $"reader-{Guid.NewGuid():N}@example.org", Channel.Email);

        var response = await server.Http.PostAsync(await LinkAsync(server, subscription), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(server.Services, subscription.Id));
    }

    [Fact]
    public async Task The_page_encodes_what_it_shows()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());
        // Stored directly: the API refuses such an address, but the page must not trust what the store holds.
        var subscription = await SubscriptionRows.AddActiveAsync(server.Services, "\"><script>alert(1)</script>@example.org", Channel.Email);

        var html = await (await server.Http.GetAsync(await LinkAsync(server, subscription))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        await server.Services.GetRequiredService<ISubscriptionStore>().UpdateAsync(subscription.Id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
    }

    private static async Task<Uri> LinkAsync(ApiServer server, Subscription subscription)
    {
        var link = await server.Services.GetRequiredService<ISubscriptionLinks>().UnsubscribeAsync(subscription, CancellationToken.None);
        return new Uri(link.PathAndQuery, UriKind.Relative);
    }

    [GeneratedRegex("<form[^>]*method=\"(?<method>[a-z]+)\"[^>]*action=\"(?<action>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();
}
