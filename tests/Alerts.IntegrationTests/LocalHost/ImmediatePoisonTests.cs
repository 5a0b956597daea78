using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;
using Alerts.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// A malformed message on the immediate queue, through the local host's real WebJobs queue trigger on an Azurite of
/// its own: retried up to the maximum dequeue count, then moved whole to the poison queue, as the Functions host does
/// in Azure. Logged by id and reason; its content is in no log line.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class ImmediatePoisonTests
{
    [Fact]
    public async Task A_malformed_immediate_message_is_retried_then_lands_in_the_poison_queue_unchanged()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var queues = new QueueServiceClient(storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queues.GetQueueClient(StorageNames.ImmediateQueue);
        var poison = queues.GetQueueClient(StorageNames.ImmediateQueue + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        const string body = "{\"articleId\": \"SECRET-subscriber@example.org\", \"rules\": [\"state-of-emergency\"]}";
        var sent = await queue.SendMessageAsync(body, ct);

        var logs = new LogLines();
        var options = new LocalHostOptions { ApiUrl = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}") };
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["AlertsStorage"] = storage.ConnectionString,
            ["DigestSchedule"] = "0 0 0 1 1 *",
        };
        using var host = LocalHostBuilder.Build(
            new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings).Build(),
            options,
            s => s.AddSingleton<ILoggerProvider>(logs));
        await host.StartAsync(ct);
        try
        {
            while (!(await poison.ExistsAsync(ct)).Value || (await poison.PeekMessagesAsync(1, ct)).Value.Length == 0)
            {
                await Task.Delay(200, ct);
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        var poisoned = Assert.Single((await poison.PeekMessagesAsync(32, CancellationToken.None)).Value);
        Assert.Equal(body, poisoned.Body.ToString());
        Assert.Empty((await queue.PeekMessagesAsync(32, CancellationToken.None)).Value);
        // Tried up to the WebJobs default maximum dequeue count (5), each attempt logged by id and reason.
        var malformed = logs.Lines.Where(l => l.Contains($"Message {sent.Value.MessageId} on {StorageNames.ImmediateQueue} is malformed", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, malformed.Count(l => l.StartsWith("Warning", StringComparison.Ordinal)));
        Assert.All(malformed, l => Assert.Contains("articleId is not 64 lowercase hex digits", l, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("SECRET", StringComparison.Ordinal));
    }
}
