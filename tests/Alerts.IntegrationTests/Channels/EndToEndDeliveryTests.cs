using System.Text;
using System.Text.Json;
using Alerts.Api;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Functions;
using Alerts.Hosting;
using Alerts.IntegrationTests.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Channels;

/// <summary>
/// Upload to delivery with nothing stood in but the outside world: the article lands in Azurite's <c>articles</c>
/// container, the functions run as the host would run them (blob trigger, then the queue trigger for immediate
/// alerts), and the alert reaches a real webhook receiver (signed, verified) and a real SMTP server.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class EndToEndDeliveryTests(AzuriteFixture azurite)
{
    private static readonly string[] Rules = ["state-of-emergency", "troop-arrivals"];

    [Fact]
    public async Task An_uploaded_article_that_meets_rules_reaches_the_webhook_and_the_inbox()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(smtp));
        receiver.Now = h.Clock.GetUtcNow;
        var api = h.Services.GetRequiredService<SubscriptionApi>();

        // A webhook (handshake) and an email (double opt-in), both through the API.
        var hook = Assert.IsType<SubscriptionView>((await api.CreateAsync(Json(new { channel = "webhook", target = receiver.Url.ToString(), rules = Rules, cadence = "immediate" }), CancellationToken.None)).Json);
        Assert.Equal("active", hook.Status);
        receiver.Secret = hook.SigningSecret;
        var address = $"desk-{Guid.NewGuid():N}@example.org";
        var mail = Assert.IsType<SubscriptionView>((await api.CreateAsync(Json(new { channel = "email", target = address, rules = Rules, cadence = "immediate" }), CancellationToken.None)).Json);
        var confirmation = await smtp.WaitForAsync(address);
        var link = confirmation.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Confirm the subscription: ", StringComparison.Ordinal))["Confirm the subscription: ".Length..];
        Assert.Equal(200, (await api.ConfirmAsync(ChannelSettings.Token(link), CancellationToken.None)).Status);

        // Upload, then the blob trigger.
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"e2e/{Guid.NewGuid():N}.txt");
        await blob.UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()));
        await using (var content = await blob.OpenReadAsync())
        {
            await ActivatorUtilities.CreateInstance<ArticleUploaded>(h.Services).RunAsync(content, blob.Name, CancellationToken.None);
        }
        var upload = await h.Services.GetRequiredService<IAnalysisStore>().GetUploadAsync(blob.Name, CancellationToken.None);
        Assert.Equal(UploadStatus.Analysed, upload?.Status);

        // The queue message the analysis sent, then the queue trigger.
        var (message, raw) = await TakeMessageAsync(upload!.ArticleId!);
        Assert.Subset(message.Rules.ToHashSet(), Rules.ToHashSet());
        await ActivatorUtilities.CreateInstance<DeliverImmediate>(h.Services).RunAsync(raw, CancellationToken.None);

        var delivered = Assert.Single(receiver.Digests);
        Assert.True(delivered.Verified);
        var article = Assert.Single(delivered.Json.GetProperty("articles").EnumerateArray());
        Assert.Equal(upload.ArticleId, article.GetProperty("articleId").GetString());
        Assert.Equal(Rules, article.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("rule").GetString()).Order());
        Assert.Equal(hook.Id, delivered.Json.GetProperty("subscriptionId").GetString());

        var alert = await smtp.WaitForAsync(address, m => m.Subject?.Contains(upload.Title!, StringComparison.Ordinal) == true);
        Assert.Contains("State of emergency declared", alert.TextBody, StringComparison.Ordinal);
        Assert.Contains("Troops", alert.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(alert.Headers["List-Unsubscribe"]);
        Assert.Equal(2, smtp.To(address).Count); // the confirmation and the alert
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(hook.Id, delivered.Id, CancellationToken.None))?.State);
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(mail.Id, alert.MessageId!.Split('@')[0], CancellationToken.None))?.State);
    }

    private async Task<(NewMatchesMessage Message, QueueMessage Raw)> TakeMessageAsync(string articleId)
    {
        var queue = azurite.Queues.GetQueueClient(StorageNames.ImmediateQueue);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            foreach (var m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
            {
                if (ImmediateMessageDecoder.Decode(m.Body.ToString(), m.MessageId) is { } parsed && parsed.ArticleId == articleId)
                {
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                    return (parsed, m);
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No immediate-delivery message for article {articleId}.");
    }

    private static MemoryStream Json(object body) => new(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)));
}
