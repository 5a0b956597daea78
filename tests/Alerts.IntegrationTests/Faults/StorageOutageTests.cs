using System.Text;
using Alerts.Analysis;
using Alerts.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Faults;

/// <summary>Storage going away under the pipeline and coming back: uploads are not lost and not analysed twice.</summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task An_upload_that_fails_while_storage_is_down_is_analysed_once_on_the_retry_after_it_returns()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var services = new AzuriteFixture().BuildServices(new Dictionary<string, string?> { ["AlertsStorage"] = storage.ConnectionString });
        var processor = services.GetRequiredService<ArticleProcessor>();
        var store = services.GetRequiredService<IAnalysisStore>();
        var before = TestArticles.UniqueWireStory();
        var during = TestArticles.UniqueWireStory();

        var first = await processor.ProcessAsync("before-outage.txt", Stream(before), CancellationToken.None);
        Assert.Equal(UploadStatus.Analysed, first.Upload.Status);
        var firstId = first.Upload.ArticleId!;

        await storage.StopAsync();
        // The trigger's attempt fails loudly, so the host retries the blob (and poisons it only after several tries)...
        using (var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => processor.ProcessAsync("during-outage.txt", Stream(during), bounded.Token));
            Assert.False(bounded.IsCancellationRequested, $"storage being down must fail the attempt, not hang it: {failure.GetType().Name}");
        }

        await storage.StartAsync();
        // ...and the retry, once storage is back, analyses it; a repeat of the earlier upload adds nothing.
        var retried = await processor.ProcessAsync("during-outage.txt", Stream(during), CancellationToken.None);
        var again = await processor.ProcessAsync("before-outage.txt", Stream(before), CancellationToken.None);

        Assert.Equal(UploadStatus.Analysed, retried.Upload.Status);
        var retriedId = retried.Upload.ArticleId!;
        Assert.NotNull(await store.GetAnalysisAsync(retriedId, CancellationToken.None));
        Assert.Equal(firstId, again.Upload.ArticleId);
        Assert.Empty(again.NewMatches);
        var matches = new TableServiceClient(storage.ConnectionString).GetTableClient(StorageNames.MatchesTable);
        var rows = await matches.QueryAsync<TableEntity>(e => e.PartitionKey == firstId || e.PartitionKey == retriedId).ToListAsync();
        // Each story's matches stored once, none lost to the outage.
        Assert.Equal(first.NewMatches.Count, rows.Count(r => r.PartitionKey == firstId));
        Assert.Equal(retried.NewMatches.Count, rows.Count(r => r.PartitionKey == retriedId));
        Assert.NotEmpty(retried.NewMatches);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
