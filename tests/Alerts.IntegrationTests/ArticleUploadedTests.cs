using System.Text;
using Alerts.Analysis;
using Alerts.Functions;
using Alerts.Storage;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests;

[Collection(AzuriteGroup.Name)]
public sealed class ArticleUploadedTests(AzuriteFixture azurite)
{
    private async Task<BlobClient> UploadAsync(string name, byte[] content)
    {
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        return blob;
    }

    /// <summary>What the Functions host does on a blob-created event: open the blob and call the function.</summary>
    private static async Task TriggerAsync(ServiceProvider services, BlobClient blob)
    {
        var function = ActivatorUtilities.CreateInstance<ArticleUploaded>(services);
        await using var content = await blob.OpenReadAsync();
        await function.RunAsync(content, blob.Name, CancellationToken.None);
    }

    private async Task<List<TableEntity>> MatchRowsAsync(string articleId) =>
        await azurite.Tables.GetTableClient(StorageNames.MatchesTable).QueryAsync<TableEntity>(e => e.PartitionKey == articleId).ToListAsync();

    [Fact]
    public async Task An_uploaded_wire_story_is_analysed_and_its_analysis_and_matches_are_stored()
    {
        await using var services = azurite.BuildServices();
        var name = $"wire/{Guid.NewGuid():N}.txt";
        var blob = await UploadAsync(name, Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory()));

        await TriggerAsync(services, blob);

        var store = services.GetRequiredService<IAnalysisStore>();
        var upload = await store.GetUploadAsync(name, CancellationToken.None);
        Assert.NotNull(upload);
        Assert.Equal(UploadStatus.Analysed, upload.Status);
        Assert.Equal("Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty", upload.Title);

        var analysisBlob = azurite.Blobs.GetBlobContainerClient(StorageNames.AnalysesContainer).GetBlobClient(upload.ArticleId + ".json");
        var analysis = AlertsJson.Deserialize((await analysisBlob.DownloadContentAsync()).Value.Content.ToMemory().Span);
        Assert.NotNull(analysis);
        Assert.Equal("RFE/RL", analysis.Article.Source);
        Assert.NotEmpty(analysis.Entities);
        Assert.Contains(analysis.Matches, m => m.Rule == "state-of-emergency");
        Assert.Contains(analysis.Matches, m => m.Rule == "troop-arrivals");

        var rows = await MatchRowsAsync(upload.ArticleId!);
        Assert.Equal(analysis.Matches.Select(m => m.Rule).Order(), rows.Select(r => r.RowKey).Order());
        Assert.All(rows, r => Assert.Contains("**", r.GetString("Snippet"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Processing_the_same_blob_twice_writes_nothing_new()
    {
        await using var services = azurite.BuildServices();
        var name = $"{Guid.NewGuid():N}.txt";
        var blob = await UploadAsync(name, Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory()));
        var store = services.GetRequiredService<IAnalysisStore>();

        await TriggerAsync(services, blob);
        var first = await store.GetUploadAsync(name, CancellationToken.None);
        var firstRows = await MatchRowsAsync(first!.ArticleId!);
        var firstAnalysis = await azurite.Blobs.GetBlobContainerClient(StorageNames.AnalysesContainer).GetBlobClient(first.ArticleId + ".json").GetPropertiesAsync();

        await TriggerAsync(services, blob);
        var second = await store.GetUploadAsync(name, CancellationToken.None);
        var secondRows = await MatchRowsAsync(first.ArticleId!);
        var secondAnalysis = await azurite.Blobs.GetBlobContainerClient(StorageNames.AnalysesContainer).GetBlobClient(first.ArticleId + ".json").GetPropertiesAsync();

        Assert.Equal(first, second);
        Assert.Equal(firstRows.Select(r => (r.RowKey, r.ETag)), secondRows.Select(r => (r.RowKey, r.ETag)));
        Assert.Equal(firstAnalysis.Value.ETag, secondAnalysis.Value.ETag);
    }

    [Fact]
    public async Task The_same_story_under_another_name_is_a_duplicate_with_no_new_matches()
    {
        await using var services = azurite.BuildServices();
        var story = Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory());
        var processor = services.GetRequiredService<ArticleProcessor>();

        var original = await processor.ProcessAsync($"{Guid.NewGuid():N}.txt", new MemoryStream(story), CancellationToken.None);
        var copy = await processor.ProcessAsync($"copy-{Guid.NewGuid():N}.txt", new MemoryStream(story), CancellationToken.None);

        Assert.Equal(UploadStatus.Analysed, original.Upload.Status);
        Assert.NotEmpty(original.NewMatches);
        Assert.Equal(UploadStatus.Duplicate, copy.Upload.Status);
        Assert.Equal(original.Upload.ArticleId, copy.Upload.ArticleId);
        Assert.Empty(copy.NewMatches);
    }

    [Theory]
    [InlineData("image.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "binary")]
    [InlineData("empty.txt", new byte[0], "empty")]
    [InlineData("broken.json", new byte[] { (byte)'{', (byte)'"', (byte)'t' }, "json-malformed")]
    public async Task A_bad_upload_gets_a_failed_row_with_its_reason_and_stays_in_the_container(string file, byte[] content, string reason)
    {
        await using var services = azurite.BuildServices();
        var name = $"{Guid.NewGuid():N}-{file}";
        var blob = await UploadAsync(name, content);

        await TriggerAsync(services, blob);

        var upload = await services.GetRequiredService<IAnalysisStore>().GetUploadAsync(name, CancellationToken.None);
        Assert.NotNull(upload);
        Assert.Equal(UploadStatus.Failed, upload.Status);
        Assert.Equal(reason, upload.Reason);
        Assert.False(string.IsNullOrWhiteSpace(upload.Message));
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused_without_being_read_whole()
    {
        await using var services = azurite.BuildServices(new Dictionary<string, string?> { ["Alerts:Analysis:MaxArticleBytes"] = "4096" });
        var name = $"{Guid.NewGuid():N}-huge.txt";
        var blob = await UploadAsync(name, Encoding.UTF8.GetBytes("Title\n\n" + new string('x', 100_000)));

        await TriggerAsync(services, blob);

        var upload = await services.GetRequiredService<IAnalysisStore>().GetUploadAsync(name, CancellationToken.None);
        Assert.Equal(UploadStatus.Failed, upload?.Status);
        Assert.Equal("too-large", upload?.Reason);
    }
}
