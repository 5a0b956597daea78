using Alerts.LocalHost;
using Alerts.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// An upload by <c>alerts upload</c> (or the watched folder) is found twice locally, by its queue message and by the
/// blob scan: the scan, handed the blob's stored metadata as the WebJobs trigger binds it, leaves it to the queue, which
/// analyses it once; a plain blob client's upload is still the scan's.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class QueuedUploadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_blob_scan_leaves_an_upload_made_by_the_uploader_to_its_queue_message()
    {
        await using var services = azurite.BuildServices(configure: s => s
            .AddSingleton<ActivityReporter>().AddSingleton<UploadedBlobProcessor>().AddSingleton<ArticleUploader>());
        var local = ActivatorUtilities.CreateInstance<LocalFunctions>(services);
        var work = Directory.CreateTempSubdirectory("alerts-queued.").FullName;
        try
        {
            var file = Path.Combine(work, $"queued-{Guid.NewGuid():N}.txt");
            await File.WriteAllTextAsync(file, TestArticles.UniqueWireStory());
            var name = await services.GetRequiredService<ArticleUploader>().UploadAsync(file, null, CancellationToken.None);
            var plain = $"plain-{Guid.NewGuid():N}.txt";
            var container = azurite.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
            await container.GetBlobClient(plain).UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()));

            // The scan finds both.
            await ScanAsync(local, container.GetBlobClient(name));
            await ScanAsync(local, container.GetBlobClient(plain));
            Assert.Null(await StatusAsync(name));
            Assert.Equal("analysed", await StatusAsync(plain));

            // The queue message analyses the uploader's blob.
            await local.ArticleUploadQueuedAsync(name, CancellationToken.None);
            Assert.Equal("analysed", await StatusAsync(name));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // What the blob trigger binds: the content stream and the metadata the blob's properties carry.
    private static async Task ScanAsync(LocalFunctions local, Azure.Storage.Blobs.BlobClient blob)
    {
        var properties = await blob.GetPropertiesAsync();
        await using var content = await blob.OpenReadAsync();
        await local.ArticleUploadedAsync(content, blob.Name, properties.Value.Metadata, CancellationToken.None);
    }

    private async Task<string?> StatusAsync(string name)
    {
        var row = await azurite.Tables.GetTableClient(StorageNames.ArticlesTable).GetEntityIfExistsAsync<TableEntity>("upload", TableKeys.Escape(name));
        return row.HasValue ? row.Value?.GetString("Status") : null;
    }
}
