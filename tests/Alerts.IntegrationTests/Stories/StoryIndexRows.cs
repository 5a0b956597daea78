using System.Text;
using Alerts.Analysis;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Faults;
using Alerts.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.IntegrationTests.Stories;

/// <summary>
/// The pipeline over an Azurite of the test's own (a prune with a clock days ahead would delete other tests' rows in
/// the shared one), on a clock of the test's, and the <c>storybuckets</c> table as storage holds it.
/// </summary>
internal sealed class StoryIndexRows(RestartableAzurite storage)
{
    /// <summary>Another invented story (written for these tests), told by two outlets.</summary>
    public static string Harbour(int outlet) => outlet == 0
        ? "Harbour strike: emergency declared in Ostra\n\n" + string.Join("\n\n", HarbourBody)
        : "Ostra port closed as authorities declare emergency | Bay News\n\nBy Ivo Dal, Bay News\n\n"
            + string.Join("\n\n", HarbourBody).Replace("on Friday", "on Friday morning", StringComparison.Ordinal) + "\n\nFollow us for more stories like this.";

    private static readonly string[] HarbourBody =
    [
        "Authorities in the port city of Ostra declared a state of emergency on Friday after a strike by dock workers left more than forty ships waiting at anchor and fuel stations across the region running dry.",
        "The regional governor said the decree allows the coast guard to escort tankers into the harbour and lets the authorities bring in workers from other ports to unload fuel and medicine.",
        "Union leaders called the decision an attack on the right to strike and said their members would not return to work until the port operator agreed to talks on pay and safety.",
        "Long queues formed at petrol stations in Ostra and the neighbouring towns, and several bus companies cancelled routes for the weekend because they could not refuel their vehicles.",
    ];

    public TableClient Table { get; } = new(storage.ConnectionString, StorageNames.StoryBucketsTable);

    public Dictionary<string, string?> Settings { get; } = new(ChannelSettings.For()) { ["AlertsStorage"] = storage.ConnectionString };

    /// <summary>The pipeline's services as the hosts register them, on <paramref name="clock"/>.</summary>
    public ServiceProvider Services(TimeProvider clock) =>
        new AzuriteFixture().BuildServices(Settings, s => s.Replace(ServiceDescriptor.Singleton(clock)));

    public static async Task<ArticleAnalysis> UploadAsync(ServiceProvider services, string name, string text)
    {
        var result = await services.GetRequiredService<ArticleProcessor>().ProcessAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);
        return result.Analysis ?? throw new InvalidOperationException($"{name} was not analysed: {result.Upload.Message}");
    }

    /// <summary>How many buckets hold the article.</summary>
    public async Task<int> BucketRowsOfAsync(string articleId) =>
        await Table.QueryAsync<TableEntity>($"PartitionKey ge 'b-' and PartitionKey lt 'b.' and RowKey eq '{articleId}'", select: ["RowKey"]).CountAsync();

    public async Task<bool> HasArticleRowAsync(string articleId) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>("a-" + TableKeys.Escape(articleId), "article")).HasValue;

    public async Task<int> RowsAsync() => await Table.QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync();
}
