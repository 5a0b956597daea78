using System.Text;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Faults;

/// <summary>
/// Storage loses a container, table or queue while a component that already created it keeps running (an emulator
/// restarted without its latest writes, a table deleted by hand): the component's next write creates it again and
/// succeeds, instead of failing with 404 until the process restarts.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class LostStorageResourceTests : IAsyncLifetime
{
    private readonly RestartableAzurite _storage = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _storage.StartAsync();
        _services = new AzuriteFixture().BuildServices(new Dictionary<string, string?> { ["AlertsStorage"] = _storage.ConnectionString });
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task An_upload_after_its_status_table_and_analysis_container_were_deleted_is_analysed_and_recorded()
    {
        var processor = Services.GetRequiredService<ArticleProcessor>();
        var store = Services.GetRequiredService<IAnalysisStore>();
        Assert.Equal(UploadStatus.Analysed, (await processor.ProcessAsync("first.txt", Story(), CancellationToken.None)).Upload.Status);

        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(StorageNames.ArticlesTable);
        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(StorageNames.MatchesTable);
        await new BlobServiceClient(_storage.ConnectionString).DeleteBlobContainerAsync(StorageNames.AnalysesContainer);

        var second = await processor.ProcessAsync("second.txt", Story(), CancellationToken.None);

        Assert.Equal(UploadStatus.Analysed, second.Upload.Status);
        Assert.NotEmpty(second.NewMatches);
        Assert.Equal(UploadStatus.Analysed, (await store.GetUploadAsync("second.txt", CancellationToken.None))?.Status);
        Assert.NotNull(await store.GetAnalysisAsync(second.Upload.ArticleId!, CancellationToken.None));
    }

    [Fact]
    public async Task A_subscription_added_after_the_subscriptions_table_was_deleted_is_stored()
    {
        var subscriptions = Services.GetRequiredService<ISubscriptionStore>();
        await subscriptions.AddAsync(NewSubscription(), CancellationToken.None);

        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(StorageNames.SubscriptionsTable);
        var after = NewSubscription();
        await subscriptions.AddAsync(after, CancellationToken.None);

        Assert.Equal(after.Target, (await subscriptions.GetAsync(after.Id, CancellationToken.None))?.Target);
    }

    [Fact]
    public async Task A_new_match_notified_after_the_immediate_queue_was_deleted_is_queued()
    {
        var notifier = Services.GetRequiredService<INewMatchesNotifier>();
        var queue = new QueueServiceClient(_storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }).GetQueueClient(StorageNames.ImmediateQueue);
        await notifier.NotifyAsync(new NewMatchesMessage("a1", ["state-of-emergency"]), CancellationToken.None);

        await queue.DeleteAsync();
        await notifier.NotifyAsync(new NewMatchesMessage("a2", ["state-of-emergency"]), CancellationToken.None);

        var messages = (await queue.PeekMessagesAsync(maxMessages: 10)).Value;
        Assert.Single(messages);
        Assert.Contains("a2", messages[0].Body.ToString(), StringComparison.Ordinal);
    }

    private static MemoryStream Story() => new(Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory()));

    private static Subscription NewSubscription() => new()
    {
        Id = SubscriptionIds.New(),
        Channel = Channel.Email,
        Target = $"reader-{Guid.NewGuid():N}@example.org",
        Rules = ["state-of-emergency"],
        Cadence = Cadence.Hourly,
        Status = SubscriptionStatus.Pending,
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
