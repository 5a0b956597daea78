using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alerts.IntegrationTests.Channels;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// Confirmation-mail bombing, from outside: many POSTs at once through the HTTP API, with a real SMTP server counting
/// what arrives. One confirmation waits per address at a time (across two app instances too), a client has a budget
/// of confirmation emails, and a resend is there for the subscriber who lost the first.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class ConfirmationLimitTests(AzuriteFixture azurite)
{
    private static readonly string[] Rules = ["state-of-emergency"];

    // Each test on its own far-off day, so no other test's client budget window is the same.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2040, 1, 1, 12, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 200_000)));

    [Fact]
    public async Task A_thousand_parallel_subscribes_for_one_address_send_one_confirmation()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var server = await StartAsync(smtp, perClient: 10_000);
        var address = $"target-{Guid.NewGuid():N}@example.org";
        // Spellings of the same mailbox count as the same address.
        string[] spellings = [address, address.ToUpperInvariant(), address.Replace("@", "+x@", StringComparison.Ordinal)];

        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() =>
            server.Http.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), new { channel = "email", target = spellings[i % 3], rules = Rules }))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.RetryAfter?.Delta);
        });
        var problem = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync();
        Assert.Contains("still waiting", problem, StringComparison.Ordinal);
        Assert.Contains("resend-confirmation", problem, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(MailsTo(smtp, address));
        // One subscription stored for the address, not a thousand.
        Assert.Equal(1, await CountAsync(server, address));
    }

    [Fact]
    public async Task After_the_interval_the_same_subscribe_sends_a_new_confirmation()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var server = await StartAsync(smtp);
        var address = $"again-{Guid.NewGuid():N}@example.org";

        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(server, address)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Conflict, (await SubscribeAsync(server, address)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(server, address)).StatusCode);

        await smtp.WaitForAsync(address, m => MailsTo(smtp, address).Count == 2);
        Assert.Equal(2, MailsTo(smtp, address).Count);
    }

    [Fact]
    public async Task A_resend_within_the_interval_is_429_and_after_it_sends_a_link_that_confirms()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var server = await StartAsync(smtp);
        var address = $"resend-{Guid.NewGuid():N}@example.org";
        var created = await (await SubscribeAsync(server, address)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var resend = new Uri($"/api/subscriptions/{id}/resend-confirmation", UriKind.Relative);

        var early = await server.Http.PostAsync(resend, null);
        Assert.Equal((HttpStatusCode)429, early.StatusCode);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        Assert.InRange(early.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        _clock.Advance(TimeSpan.FromMinutes(16));
        var later = await server.Http.PostAsync(resend, null);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        await smtp.WaitForAsync(address, m => MailsTo(smtp, address).Count == 2);
        var second = MailsTo(smtp, address).Last();
        var link = second.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/api/confirm?token=", StringComparison.Ordinal));
        var confirmed = await server.Http.PostAsync(new Uri($"/api/confirm?token={Uri.EscapeDataString(ChannelSettings.Token(link[link.IndexOf("http", StringComparison.Ordinal)..]))}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(SubscriptionStatus.Active, await SubscriptionRows.StatusAsync(server.Services, id!));

        // Nothing to resend once confirmed.
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.PostAsync(resend, null)).StatusCode);
    }

    [Fact]
    public async Task A_client_gets_its_budget_of_confirmations_then_429_with_retry_after_even_all_at_once()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var server = await StartAsync(smtp, perClient: 5);
        var prefix = $"budget-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => SubscribeAsync(server, $"{prefix}-{i}@example.org"))));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(35, refused.Count);
        foreach (var r in refused)
        {
            Assert.Equal((HttpStatusCode)429, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(r.Headers.RetryAfter?.Delta);
            Assert.Contains("Too many confirmation emails", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(5, smtp.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address.StartsWith(prefix, StringComparison.Ordinal))));
        // A refused address was not held: once the budget refills it can subscribe at once.
        _clock.Advance(TimeSpan.FromHours(1));
        var refusedAddress = Enumerable.Range(0, 40).Select(i => $"{prefix}-{i}@example.org").First(a => MailsTo(smtp, a).Count == 0);
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(server, refusedAddress)).StatusCode);
    }

    [Fact]
    public async Task Two_instances_on_one_storage_account_share_the_limit()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var one = await StartAsync(smtp, perClient: 10_000);
        await using var two = await StartAsync(smtp, perClient: 10_000);
        var address = $"instances-{Guid.NewGuid():N}@example.org";

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => SubscribeAsync(i % 2 == 0 ? one : two, address))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(MailsTo(smtp, address));
    }

    [Theory]
    [InlineData("Alerts:Subscriptions:ConfirmationsPerClient", "0")]
    [InlineData("Alerts:Subscriptions:ConfirmationResendInterval", "00:00:05")]
    [InlineData("Alerts:Subscriptions:ConfirmationClientWindow", "7.00:00:00")]
    public async Task Limits_out_of_range_stop_the_app_at_start(string setting, string value)
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        var settings = ChannelSettings.For(smtp);
        settings[setting] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiServer.StartAsync(azurite, settings));

        Assert.Contains(setting.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    private Task<ApiServer> StartAsync(SmtpCatcher smtp, int perClient = 30)
    {
        var settings = ChannelSettings.For(smtp);
        settings["Alerts:Subscriptions:ConfirmationsPerClient"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiServer.StartAsync(azurite, settings, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
    }

    private static Task<HttpResponseMessage> SubscribeAsync(ApiServer server, string address) =>
        server.Http.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), new { channel = "email", target = address, rules = Rules });

    /// <summary>Mails that reach <paramref name="address"/>'s inbox, whichever spelling they were sent to.</summary>
    private static List<MimeKit.MimeMessage> MailsTo(SmtpCatcher smtp, string address) =>
        [.. smtp.Messages.Where(m => m.To.Mailboxes.Any(b => Mailbox(b.Address) == address))];

    private static async Task<int> CountAsync(ApiServer server, string address) =>
        await server.Services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None).CountAsync(s => Mailbox(s.Target) == address);

    private static string Mailbox(string address) => address.ToLowerInvariant().Replace("+x@", "@", StringComparison.Ordinal);
}
