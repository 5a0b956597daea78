using System.Text;
using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;
using Alerts.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// Azure AI Language refusing the app's key (401), through the local host's real WebJobs blob trigger on an Azurite of
/// its own: the upload is not analysed by the fallback but says why on its status row, is tried as often as
/// host.json's poisonBlobThreshold says, and then lands in webjobs-blobtrigger-poison, as the Functions host does.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class LanguageConfigPoisonTests
{
    [Fact]
    public async Task An_upload_the_language_service_refuses_with_401_is_retried_then_poisoned_and_says_why()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();

        // A Language endpoint that refuses every key, as the service does a wrong one.
        var calls = 0;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var language = builder.Build();
        language.Run(async context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint.\"}}", context.RequestAborted);
        });
        await language.StartAsync(ct);
        var endpoint = language.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        var options = new LocalHostOptions { ApiUrl = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}") };
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["AlertsStorage"] = storage.ConnectionString,
            ["DigestSchedule"] = "0 0 0 1 1 *",
            ["Alerts:Language:Endpoint"] = endpoint,
            ["Alerts:Language:Key"] = "wrong-key-5e4d3c2b1a",
        };
        var logs = new LogLines();
        using var host = LocalHostBuilder.Build(
            new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings).Build(),
            options,
            s => s.AddSingleton<ILoggerProvider>(logs));
        await host.StartAsync(ct);
        var name = $"held-{Guid.NewGuid():N}.txt";
        var poison = new QueueServiceClient(storage.ConnectionString).GetQueueClient("webjobs-blobtrigger-poison");
        string poisoned;
        try
        {
            var container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.ArticlesContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()), ct);

            while (!(await poison.ExistsAsync(ct)).Value || (await poison.PeekMessagesAsync(1, ct)).Value.Length == 0)
            {
                await Task.Delay(250, ct);
            }
            poisoned = (await poison.PeekMessagesAsync(1, ct)).Value[0].Body.ToString();
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        // The poison message names the blob (plain or Base64, as the queue encodes it).
        var text = poisoned.Contains(name, StringComparison.Ordinal) ? poisoned : Encoding.UTF8.GetString(Convert.FromBase64String(poisoned));
        Assert.Contains(name, text, StringComparison.Ordinal);
        Assert.Equal(3, calls); // poisonBlobThreshold tries, one call each: a 401 is not retried by the client
        var store = host.Services.GetRequiredService<IAnalysisStore>();
        var upload = await store.GetUploadAsync(name, CancellationToken.None);
        Assert.Equal((UploadStatus.Failed, "language-config"), (upload?.Status, upload?.Reason));
        Assert.Contains("HTTP 401", upload?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", upload?.Message, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Contains($"Not analysed {name} (language-config)", StringComparison.Ordinal));
    }
}
