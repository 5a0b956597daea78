using System.Diagnostics;
using System.Text.Json;
using Alerts.Delivery;
using Alerts.Functions;
using Alerts.Hosting;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;
using Alerts.Telemetry;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alerts.IntegrationTests.Telemetry;

/// <summary>
/// What an operator sees of one article: the real functions on Azurite with the hosts' telemetry registration and
/// in-memory exporters. Upload, analysis, the queue hop and the webhook delivery are one trace, the receiver gets that
/// trace in its <c>traceparent</c> header, the alert rules' metrics count, and no address, URL or secret is exported.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class TracedJourneyTests(AzuriteFixture azurite)
{
    private static readonly string[] Rules = ["state-of-emergency", "troop-arrivals"];

    [Fact]
    public async Task One_article_is_one_trace_from_upload_to_the_webhook_receiver()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var logs = new List<LogRecord>();
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(smtp), s =>
        {
            s.AddAlertsTelemetry(new ConfigurationBuilder().Build(), "alerts-test")
                .WithTracing(t => t.AddInMemoryExporter(spans))
                .WithMetrics(m => m.AddInMemoryExporter(metrics))
                .WithLogging(l => l.AddInMemoryExporter(logs));
            // The pipeline's information logs too (the harness keeps warnings and up), so they are checked as well.
            s.AddLogging(b => b.AddFilter<OpenTelemetryLoggerProvider>(null, LogLevel.Information));
        });
        h.Services.StartAlertsTelemetry();
        receiver.Now = h.Clock.GetUtcNow;
        var hook = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Immediate, Rules);
        receiver.Secret = hook.SigningSecret;
        var address = $"desk-{Guid.NewGuid():N}@example.org";
        await h.SubscribeAsync(Channel.Email, address, CadenceKind.Immediate, Rules);

        // The blob trigger, then the queue trigger, as the function app runs them.
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"traced/{Guid.NewGuid():N}.txt");
        await blob.UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()));
        await using (var content = await blob.OpenReadAsync())
        {
            await ActivatorUtilities.CreateInstance<ArticleUploaded>(h.Services).RunAsync(content, blob.Name, CancellationToken.None);
        }
        var upload = await h.Services.GetRequiredService<IAnalysisStore>().GetUploadAsync(blob.Name, CancellationToken.None);
        var (message, raw) = await TakeMessageAsync(upload!.ArticleId!);
        await ActivatorUtilities.CreateInstance<DeliverImmediate>(h.Services).RunAsync(raw, CancellationToken.None);
        await smtp.WaitForAsync(address, m => m.Subject?.Contains(upload.Title!, StringComparison.Ordinal) == true);
        h.Services.GetRequiredService<MeterProvider>().ForceFlush();
        h.Services.GetRequiredService<LoggerProvider>().ForceFlush();
        // Stops listening: other tests' spans in this process no longer arrive while the list is read.
        h.Services.GetRequiredService<TracerProvider>().Dispose();

        // One trace: the upload's, carried by the queue message and continued by the delivery.
        var root = Assert.Single(spans, s => s.DisplayName == "upload" && Equals(s.GetTagItem("alerts.upload"), blob.Name));
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
        foreach (var step in new[] { "analyse", "parse", "extract", "match", "store", "send immediate-deliveries", "process immediate-deliveries", "deliver" })
        {
            Assert.Contains(trace, s => s.DisplayName == step);
        }
        var sent = Assert.Single(trace, s => s.DisplayName == "send immediate-deliveries");
        var processed = Assert.Single(trace, s => s.DisplayName == "process immediate-deliveries");
        Assert.Equal(sent.Id, message.TraceParent);
        Assert.Equal(sent.SpanId, processed.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, processed.Kind);
        var webhookDelivery = Assert.Single(trace, s => s.DisplayName == "deliver" && Equals(s.GetTagItem("alerts.channel"), "webhook"));
        Assert.Equal(processed.SpanId, webhookDelivery.ParentSpanId);
        Assert.Equal("sent", webhookDelivery.GetTagItem("alerts.result"));
        Assert.Contains(trace, s => s.DisplayName == "deliver" && Equals(s.GetTagItem("alerts.channel"), "email"));

        // The receiver got the delivery span's context: it can join the same trace.
        var delivered = Assert.Single(receiver.Digests);
        Assert.True(delivered.Verified);
        var traceParent = Assert.Single(delivered.TraceParents);
        Assert.Equal(webhookDelivery.Id, traceParent);
        Assert.True(ActivityContext.TryParse(traceParent, null, out var received));
        Assert.Equal(root.TraceId, received.TraceId);

        // The metrics the alert rules and the operator read, with their dimensions.
        Assert.True(Sum(metrics, AlertsTelemetry.ArticlesAnalysed, ("status", "analysed")) >= 1);
        Assert.True(Sum(metrics, AlertsTelemetry.DeliveryAttempts, ("channel", "webhook"), ("kind", "immediate"), ("result", "sent")) >= 1);
        Assert.True(Sum(metrics, AlertsTelemetry.DeliveryAttempts, ("channel", "email"), ("kind", "immediate"), ("result", "sent")) >= 1);
        Assert.True(Sum(metrics, AlertsTelemetry.RuleMatches, ("rule", "state-of-emergency")) >= 1);
        Assert.True(Count(metrics, AlertsTelemetry.DeliveryLatency, ("channel", "webhook"), ("kind", "immediate")) >= 1);
        Assert.Contains(logs, l => l.CategoryName == typeof(DeliveryService).FullName && l.FormattedMessage?.Contains(hook.Id, StringComparison.Ordinal) == true);

        // Nothing that names a subscriber or opens a door leaves the process.
        var exported = trace.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString()).Append(s.StatusDescription).Append(s.DisplayName))
            .Concat(logs.SelectMany(l => (l.Attributes ?? []).Select(a => a.Value?.ToString()).Append(l.FormattedMessage)))
            .OfType<string>()
            .ToList();
        Assert.NotEmpty(exported);
        foreach (var secret in new[] { address, receiver.Url.ToString(), receiver.Url.Authority + receiver.Url.AbsolutePath, hook.SigningSecret!, hook.Target })
        {
            Assert.DoesNotContain(exported, value => value.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_message_sent_before_trace_context_was_added_still_delivers_in_a_new_trace()
    {
        var spans = new List<Activity>();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(), s =>
            s.AddAlertsTelemetry(new ConfigurationBuilder().Build(), "alerts-test").WithTracing(t => t.AddInMemoryExporter(spans)));
        h.Services.StartAlertsTelemetry();
        receiver.Now = h.Clock.GetUtcNow;
        var hook = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Immediate, Rules);
        receiver.Secret = hook.SigningSecret;
        var analysed = await h.AnalyseAsync(TestArticles.UniqueWireStory());

        // The body as messages were written before they carried a traceparent.
        var body = JsonSerializer.Serialize(new { articleId = analysed.Analysis!.Article.Id, rules = Rules });
        var delivery = await h.Services.GetRequiredService<ImmediateQueueHandler>().HandleAsync(body, "old-message", 1, CancellationToken.None);
        h.Services.GetRequiredService<TracerProvider>().Dispose();

        Assert.Equal(1, delivery.Sent);
        var processed = Assert.Single(spans, s => s.DisplayName == "process immediate-deliveries" && Equals(s.GetTagItem("messaging.message.id"), "old-message"));
        Assert.Equal(default, processed.ParentSpanId);
        var traceParent = Assert.Single(Assert.Single(receiver.Digests).TraceParents);
        Assert.True(ActivityContext.TryParse(traceParent, null, out var received));
        Assert.Equal(processed.TraceId, received.TraceId);
    }

    [Fact]
    public async Task A_digest_run_is_one_trace_from_the_timer_through_the_batch_queue_to_the_receiver()
    {
        var spans = new List<Activity>();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(), s =>
            s.AddAlertsTelemetry(new ConfigurationBuilder().Build(), "alerts-test").WithTracing(t => t.AddInMemoryExporter(spans)));
        h.Services.StartAlertsTelemetry();
        receiver.Now = h.Clock.GetUtcNow;
        var hook = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Hourly, Rules);
        receiver.Secret = hook.SigningSecret;
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(TestArticles.UniqueWireStory());
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var queue = azurite.Queues.GetQueueClient(StorageNames.DigestBatchQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        await h.Services.GetRequiredService<DigestTimerHandler>().HandleAsync(CancellationToken.None);
        var raw = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt);
        await h.Services.GetRequiredService<DigestBatchHandler>().HandleAsync(raw.Body.ToString(), raw.MessageId, raw.DequeueCount, CancellationToken.None);
        h.Services.GetRequiredService<TracerProvider>().Dispose();

        var carried = DigestBatchDecoder.Decode(raw.Body.ToString(), raw.MessageId).TraceParent;
        var sent = Assert.Single(spans, s => s.DisplayName == "send digest-batches" && s.Id == carried);
        var plan = Assert.Single(spans, s => s.DisplayName == "plan digest batches" && s.SpanId == sent.ParentSpanId);
        var processed = Assert.Single(spans, s => s.DisplayName == "process digest-batches" && s.ParentSpanId == sent.SpanId);
        var delivery = Assert.Single(spans, s => s.DisplayName == "deliver" && s.ParentSpanId == processed.SpanId);
        Assert.Equal("scheduled", delivery.GetTagItem("alerts.digest.kind"));
        Assert.Equal(hook.Id, delivery.GetTagItem("alerts.subscription.id"));
        Assert.True(ActivityContext.TryParse(Assert.Single(Assert.Single(receiver.Digests).TraceParents), null, out var received));
        Assert.Equal(plan.TraceId, received.TraceId);
        Assert.Equal(delivery.SpanId, received.SpanId);
    }

    [Fact]
    public async Task An_immediate_fan_out_is_one_trace_from_the_article_message_through_the_batch_queue_to_each_receiver()
    {
        var spans = new List<Activity>();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], new Dictionary<string, string?>(ChannelSettings.For()) { ["Alerts:Immediate:FanOutBatchSize"] = "1" }, s =>
            s.AddAlertsTelemetry(new ConfigurationBuilder().Build(), "alerts-test").WithTracing(t => t.AddInMemoryExporter(spans)));
        h.Services.StartAlertsTelemetry();
        receiver.Now = h.Clock.GetUtcNow;
        foreach (var path in new[] { "a", "b" })
        {
            var hook = await h.SubscribeAsync(Channel.Webhook, $"{receiver.Url}/{path}", CadenceKind.Immediate, Rules);
            receiver.SecretsByPath[$"{receiver.Url.AbsolutePath}/{path}"] = hook.SigningSecret!;
        }
        var analysed = await h.AnalyseAsync(TestArticles.UniqueWireStory());
        var (_, message) = await TakeMessageAsync(analysed.Analysis!.Article.Id);

        var queue = azurite.Queues.GetQueueClient(StorageNames.ImmediateBatchQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        var first = await h.Services.GetRequiredService<ImmediateQueueHandler>().HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, CancellationToken.None);
        var raw = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
        await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt);
        var rest = await h.Services.GetRequiredService<ImmediateBatchHandler>().HandleAsync(raw.Body.ToString(), raw.MessageId, raw.DequeueCount, CancellationToken.None);
        h.Services.GetRequiredService<TracerProvider>().Dispose();

        Assert.Equal((1, 1), (first.Sent, rest.Sent));
        var carried = ImmediateBatchDecoder.Decode(raw.Body.ToString(), raw.MessageId).TraceParent;
        var sent = Assert.Single(spans, s => s.DisplayName == "send immediate-batches" && s.Id == carried);
        var fannedOut = Assert.Single(spans, s => s.DisplayName == "process immediate-deliveries" && s.SpanId == sent.ParentSpanId);
        var processed = Assert.Single(spans, s => s.DisplayName == "process immediate-batches" && s.ParentSpanId == sent.SpanId);
        var delivery = Assert.Single(spans, s => s.DisplayName == "deliver" && s.ParentSpanId == processed.SpanId);
        Assert.Equal("immediate", delivery.GetTagItem("alerts.digest.kind"));
        var alerts = receiver.Digests.ToList();
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.True(a.Verified));
        Assert.All(alerts, a => Assert.True(ActivityContext.TryParse(Assert.Single(a.TraceParents), null, out var received) && received.TraceId == fannedOut.TraceId));
    }

    private static long Sum(IEnumerable<Metric> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags, p => p.GetSumLong());

    /// <summary>How many values a histogram recorded.</summary>
    private static long Count(IEnumerable<Metric> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags, p => p.GetHistogramCount());

    private static long Points(IEnumerable<Metric> metrics, string name, (string Key, string Value)[] tags, Func<MetricPoint, long> value)
    {
        long total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }
                if (tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value)))
                {
                    total = Math.Max(total, value(point));
                }
            }
        }
        return total;
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
}
