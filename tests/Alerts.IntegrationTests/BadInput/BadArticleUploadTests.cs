using System.Text;
using Alerts.Analysis;
using Alerts.Functions;
using Alerts.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// Bad articles: each bad upload goes into the real <c>articles</c> container and through the blob-trigger function.
/// It must get a status row saying what happened (a stable reason and a sentence when refused), stay in the container,
/// and not stop the next good article from being analysed with its matches.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class BadArticleUploadTests(AzuriteFixture azurite)
{
    /// <summary>A hang fails the test instead of blocking the run; nothing here needs more than a few seconds.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    // The analysis time limit is wall-clock time and has its own tests; here a loaded machine must not turn a slow but
    // bounded article into a refusal.
    private static readonly Dictionary<string, string?> Settings = new() { [AnalysisOptions.SectionName + ":TimeLimit"] = "00:05:00" };

    public static TheoryData<string> Kinds { get; } = [.. BadArticles.All.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_bad_article_gets_a_clear_status_stays_in_the_container_and_the_next_article_is_analysed(string kind)
    {
        var bad = BadArticles.All[kind];
        await using var services = azurite.BuildServices(Settings);
        var name = $"badinput/{Guid.NewGuid():N}-{bad.File}";
        BlobClient blob;
        await using (var content = bad.Content())
        {
            blob = await UploadAsync(name, content);
        }

        await TriggerAsync(services, blob);

        var upload = await services.GetRequiredService<IAnalysisStore>().GetUploadAsync(name, CancellationToken.None);
        Assert.NotNull(upload);
        if (bad.Reason is { } reason)
        {
            Assert.Equal((UploadStatus.Failed, reason), (upload.Status, upload.Reason));
            AssertReadableMessage(upload.Message);
        }
        else
        {
            Assert.Equal(UploadStatus.Analysed, upload.Status);
            var analysis = await ReadAnalysisAsync(upload.ArticleId!);
            Assert.Equal(analysis.Matches.Count, upload.MatchCount);
            bad.Check!(analysis);
        }
        Assert.True(await blob.ExistsAsync(), "the upload must stay in the container");

        await AssertNextArticleIsAnalysedAsync(services);
        if (kind == "50 MB text")
        {
            await blob.DeleteAsync();
        }
    }

    public static TheoryData<string> OddNames { get; } =
    [
        "name with  spaces and (brackets).txt",
        "Сводка новостей — Алматы 📰.txt",
        "wire/2022/01/08/../../kazakhstan.txt",
        "100% #1 ?query=x&y.txt",
        "tab\tand\u0007bell.txt",
        new string('ж', 900) + ".txt",
    ];

    [Theory]
    [MemberData(nameof(OddNames))]
    public async Task An_upload_with_an_odd_name_gets_its_own_status_row(string oddName)
    {
        await using var services = azurite.BuildServices();
        var name = $"badinput/{Guid.NewGuid():N}/{oddName}";
        var blob = await UploadAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory())));

        await TriggerAsync(services, blob);

        var upload = await services.GetRequiredService<IAnalysisStore>().GetUploadAsync(blob.Name, CancellationToken.None);
        Assert.NotNull(upload);
        Assert.Equal(blob.Name, upload.Name);
        Assert.Equal(UploadStatus.Analysed, upload.Status);
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task A_50_MB_blob_is_refused_from_its_size_without_being_downloaded()
    {
        await using var services = azurite.BuildServices();
        var name = $"badinput/{Guid.NewGuid():N}-huge.txt";
        var blob = await UploadAsync(name, new GeneratedStream("Troops arrived in Almaty. "u8.ToArray(), BadArticles.FiftyMegabytes));
        var processor = services.GetRequiredService<ArticleProcessor>();

        await using var content = await blob.OpenReadAsync();
        var result = await processor.ProcessAsync(name, content, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal("too-large", result.Upload.Reason);
        Assert.Contains("52,428,800 bytes", result.Upload.Message, StringComparison.Ordinal);
        Assert.Equal(0, content.Position);
        await blob.DeleteAsync();
    }

    [Fact]
    public async Task A_50_MB_stream_of_unknown_length_is_read_only_up_to_the_limit()
    {
        await using var services = azurite.BuildServices();
        var processor = services.GetRequiredService<ArticleProcessor>();
        var content = new GeneratedStream("Troops arrived in Almaty. "u8.ToArray(), BadArticles.FiftyMegabytes, seekable: false);

        var result = await processor.ProcessAsync($"badinput/{Guid.NewGuid():N}-stream.txt", content, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal("too-large", result.Upload.Reason);
        Assert.InRange(content.BytesRead, 1, new AnalysisOptions().MaxArticleBytes + 81920);
    }

    private async Task<BlobClient> UploadAsync(string name, Stream content)
    {
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(content, overwrite: true);
        return blob;
    }

    /// <summary>What the Functions host does on a blob-created event: open the blob and call the function.</summary>
    private static async Task TriggerAsync(ServiceProvider services, BlobClient blob)
    {
        var function = ActivatorUtilities.CreateInstance<ArticleUploaded>(services);
        await using var content = await blob.OpenReadAsync();
        await Task.Run(() => function.RunAsync(content, blob.Name, CancellationToken.None)).WaitAsync(Limit);
    }

    private async Task<ArticleAnalysis> ReadAnalysisAsync(string articleId)
    {
        var blob = azurite.Blobs.GetBlobContainerClient(StorageNames.AnalysesContainer).GetBlobClient(articleId + ".json");
        return AlertsJson.Deserialize((await blob.DownloadContentAsync()).Value.Content.ToMemory().Span)!;
    }

    private async Task AssertNextArticleIsAnalysedAsync(ServiceProvider services)
    {
        var name = $"badinput/{Guid.NewGuid():N}-next.txt";
        var blob = await UploadAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory())));
        await TriggerAsync(services, blob);
        var upload = await services.GetRequiredService<IAnalysisStore>().GetUploadAsync(name, CancellationToken.None);
        Assert.Equal(UploadStatus.Analysed, upload?.Status);
        var analysis = await ReadAnalysisAsync(upload!.ArticleId!);
        Assert.Contains(analysis.Matches, m => m.Rule == "state-of-emergency");
    }

    /// <summary>A sentence for a person: no exception type, no stack trace, not the raw bytes.</summary>
    internal static void AssertReadableMessage(string? message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.InRange(message.Length, 10, 600);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', message);
    }
}
