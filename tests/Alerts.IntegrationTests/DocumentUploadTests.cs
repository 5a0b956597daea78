using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Functions;
using Alerts.Storage;
using Alerts.Testing;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests;

/// <summary>
/// A decree uploaded as a PDF and as a Word document into the real <c>articles</c> container and through the blob-trigger
/// function: each is analysed from its text, keeps its document title and date, and meets the state-of-emergency rule.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class DocumentUploadTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Formats { get; } = ["pdf", "docx"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_uploaded_decree_document_is_analysed_and_meets_the_state_of_emergency_rule(string extension)
    {
        await using var services = azurite.BuildServices();
        var reference = Guid.NewGuid().ToString("N");
        var content = extension == "pdf" ? TestDocuments.DecreePdf(reference) : TestDocuments.DecreeDocx(reference);
        var name = $"decrees/{reference}.{extension}";
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);

        var function = ActivatorUtilities.CreateInstance<ArticleUploaded>(services);
        await using (var stream = await blob.OpenReadAsync())
        {
            await function.RunAsync(stream, blob.Name, CancellationToken.None);
        }

        var upload = await services.GetRequiredService<IAnalysisStore>().GetUploadAsync(name, CancellationToken.None);
        Assert.NotNull(upload);
        Assert.Equal(UploadStatus.Analysed, upload.Status);
        Assert.Equal(TestDocuments.Title, upload.Title);

        var analysisBlob = azurite.Blobs.GetBlobContainerClient(StorageNames.AnalysesContainer).GetBlobClient(upload.ArticleId + ".json");
        var analysis = AlertsJson.Deserialize((await analysisBlob.DownloadContentAsync()).Value.Content.ToMemory().Span);
        Assert.NotNull(analysis);
        Assert.Equal(extension == "pdf" ? ArticleFormat.Pdf : ArticleFormat.Docx, analysis.Article.Format);
        Assert.Equal(TestDocuments.Date, analysis.Article.PublishedAt);
        Assert.Contains($"Registry reference {reference}.", analysis.Article.Body, StringComparison.Ordinal);
        Assert.Contains(analysis.Entities, e => e.Text == "Almaty");
        var match = Assert.Single(analysis.Matches, m => m.Rule == "state-of-emergency");

        var rows = await azurite.Tables.GetTableClient(StorageNames.MatchesTable)
            .QueryAsync<TableEntity>(e => e.PartitionKey == upload.ArticleId).ToListAsync();
        Assert.Contains(rows, r => r.RowKey == match.Rule && r.GetString("Snippet").Contains("**", StringComparison.Ordinal));
    }
}
