using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;
using Alerts.Storage;
using Alerts.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// What <c>alerts run</c> does, end to end: the local host (WebJobs SDK triggers, the API on Kestrel) against an Azurite
/// of its own (the shared one holds other tests' blobs and queue messages, which its triggers would pick up), a
/// subscriber's webhook on 127.0.0.1 and an SMTP server. Nothing is called directly: the article goes in through the
/// blob API and everything after it is the triggers' doing.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class LocalHostEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_dropped_article_reaches_an_immediate_webhook_once_and_the_next_digest_by_email_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        // The digest clock: 20 past a far-off hour, so no other test's window overlaps and the hourly digest is not due yet.
        var clock = new FakeTimeProvider(new DateTimeOffset(2045, 3, 1, 10, 20, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 100_000)));
        receiver.Now = clock.GetUtcNow;
        var api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var settings = new Dictionary<string, string?>(ChannelSettings.For(smtp))
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["AlertsStorage"] = storage.ConnectionString,
            ["DigestSchedule"] = "*/2 * * * * *",
            ["Alerts:Subscriptions:PublicBaseUrl"] = api.ToString(),
        };
        var logs = new LogLines();
        using var host = LocalHostBuilder.Build(
            new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(new LocalHostOptions { ApiUrl = api })).AddInMemoryCollection(settings).Build(),
            new LocalHostOptions { ApiUrl = api },
            s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                s.AddSingleton<ILoggerProvider>(logs);
            });
        await host.StartAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = api };
            string[] rules = ["state-of-emergency", "troop-arrivals"];

            // A webhook with immediate alerts: the handshake makes it active at once.
            var hook = await PostAsync(http, new { channel = "webhook", target = receiver.Url.ToString(), rules, cadence = "immediate" }, ct);
            Assert.Equal("active", hook.GetProperty("status").GetString());
            receiver.Secret = hook.GetProperty("signingSecret").GetString();

            // An hourly email digest: pending until the confirmation link is followed.
            var address = $"desk-{Guid.NewGuid():N}@example.org";
            var mail = await PostAsync(http, new { channel = "email", target = address, rules, cadence = "hourly" }, ct);
            Assert.Equal("pending", mail.GetProperty("status").GetString());
            var confirmation = await smtp.WaitForAsync(address);
            var link = confirmation.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/api/confirm?token=", StringComparison.Ordinal));
            link = link[link.IndexOf("http", StringComparison.Ordinal)..];
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri(link), null, ct)).StatusCode); // the confirmation page's button

            // The article, uploaded as any client would.
            var container = new Azure.Storage.Blobs.BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.ArticlesContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
            var name = $"local-e2e/{Guid.NewGuid():N}.txt";
            var uploaded = Stopwatch.StartNew();
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()), ct);

            var store = host.Services.GetRequiredService<IAnalysisStore>();
            var record = await EventuallyAsync(async () => await store.GetUploadAsync(name, ct) is { Status: UploadStatus.Analysed } r ? r : null, ct);
            var analysed = uploaded.Elapsed;
            Assert.NotNull(await store.GetAnalysisAsync(record.ArticleId!, ct));

            var alert = await EventuallyAsync(() => Task.FromResult(receiver.Digests.FirstOrDefault()), ct);
            var webhookLatency = uploaded.Elapsed;
            Assert.True(alert.Verified, "the webhook's signature must verify with the subscription's secret");
            var article = Assert.Single(alert.Json.GetProperty("articles").EnumerateArray());
            Assert.Equal(record.ArticleId, article.GetProperty("articleId").GetString());
            Assert.Equal(rules, article.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("rule").GetString()).Order());

            // The top of the hour passes; the 2-second timer sends the hourly digest.
            clock.Advance(TimeSpan.FromMinutes(45));
            var digest = await smtp.WaitForAsync(address, m => m.Subject?.Contains("alert", StringComparison.OrdinalIgnoreCase) == true && m != confirmation, TimeSpan.FromSeconds(60));
            Assert.Contains(record.Title!, digest.HtmlBody, StringComparison.Ordinal);

            // A few more timer runs and queue polls: still one of each.
            await Task.Delay(TimeSpan.FromSeconds(6), ct);
            Assert.Single(receiver.Digests);
            Assert.Equal(2, smtp.To(address).Count);
            // What the person running it sees: the article and the rules it met, on one line.
            Assert.Contains(logs.Lines, l => l.Contains(record.Title!, StringComparison.Ordinal) && l.Contains("troop-arrivals", StringComparison.Ordinal));

            output.WriteLine($"upload → analysed {analysed.TotalMilliseconds:F0} ms; upload → webhook {webhookLatency.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative), body, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, CancellationToken ct)
        where T : class
    {
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(100, ct);
        }
    }
}
