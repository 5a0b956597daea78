using System.Net;
using System.Text;
using Alerts.Analysis;
using Alerts.LocalHost;
using Alerts.Storage;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Xunit.Abstractions;

namespace Alerts.IntegrationTests.Faults;

/// <summary>
/// The local host (<c>alerts run</c>) against an Azurite of its own: every upload is analysed, however it arrives and
/// however fast, and storage dying and coming back empty neither stops the API nor leaves an upload without its one
/// status row.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class LocalIngestFaultTests(ITestOutputHelper output)
{
    // The suite's burst is small enough for ./test.sh on a loaded 2-core machine; bench/load/burst.sh runs it at
    // 200 + 50 (ALERTS_BURST_PLAIN, ALERTS_BURST_WATCHED).
    private static readonly int PlainUploads = Count("ALERTS_BURST_PLAIN", 40);
    private static readonly int WatchedUploads = Count("ALERTS_BURST_WATCHED", 10);

    [Fact]
    public async Task A_burst_of_uploads_by_a_plain_blob_client_and_by_the_watched_folder_is_analysed_in_full()
    {
        // Bounds the uploads; the wait for analysis has its own 3-minute bound after the last upload.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(7));
        var ct = timeout.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var folder = Directory.CreateTempSubdirectory("alerts-watch.").FullName;
        try
        {
            using var host = StartHost(storage, folder, out var api);
            await host.StartAsync(ct);
            using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
            var container = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.ArticlesContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: ct);

            // Distinct stories at 10 a second, by a client that knows nothing of the local queue.
            var names = new List<string>();
            for (var i = 0; i < PlainUploads; i++)
            {
                var name = $"burst-{i:D3}-{Guid.NewGuid():N}.txt";
                await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()), ct);
                names.Add(name);
                await Task.Delay(100, ct);
            }
            // More through the watched folder.
            for (var i = 0; i < WatchedUploads; i++)
            {
                var name = $"watched-{i:D2}-{Guid.NewGuid():N}.txt";
                var temp = Path.Combine(folder, "." + name);
                await File.WriteAllTextAsync(temp, TestArticles.UniqueWireStory(), ct);
                File.Move(temp, Path.Combine(folder, name));
                names.Add(name);
                await Task.Delay(100, ct);
            }

            var lastUpload = System.Diagnostics.Stopwatch.StartNew();
            var missing = await WaitForStatusRowsAsync(host, names, TimeSpan.FromMinutes(3), ct);
            output.WriteLine($"{names.Count - missing.Count} of {names.Count} uploads analysed {lastUpload.Elapsed.TotalSeconds:F1} s after the last one.");
            Assert.True(missing.Count == 0, $"{missing.Count} of {names.Count} uploads not analysed: {string.Join(", ", missing.Take(5))}");
            Assert.Equal(names.Order(StringComparer.Ordinal), (await StatusRowNamesAsync(storage, ct)).Order(StringComparer.Ordinal));
            // The host kept serving its API through the burst.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/rules", UriKind.Relative), ct)).StatusCode);
            await host.StopAsync(ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Storage_killed_and_back_without_its_writes_leaves_the_api_serving_and_every_upload_with_one_status_row()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        using var host = StartHost(storage, watchFolder: null, out var api);
        await host.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        var uploader = host.Services.GetRequiredService<ArticleUploader>();
        var plain = new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.ArticlesContainer);
        var work = Directory.CreateTempSubdirectory("alerts-uploads.").FullName;
        try
        {
            var before = await UploadAsync(uploader, plain, work, "before", 10, ct);
            Assert.Empty(await WaitForStatusRowsAsync(host, before, TimeSpan.FromMinutes(1), ct));

            // kill -9 mid-run, uploads still arriving; storage comes back with none of its data.
            var during = UploadAsync(uploader, plain, work, "during", 10, ct);
            await Task.Delay(300, ct);
            await storage.KillAndLoseWritesAsync();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/rules", UriKind.Relative), ct)).StatusCode);
            try
            {
                await during;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                // An upload refused while storage is down is the uploader's to repeat; it is not an upload yet.
            }
            await storage.StartAsync();
            // Long enough for the blob trigger's scan to meet its lost receipts.
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            var after = await UploadAsync(uploader, plain, work, "after", 10, ct);

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/rules", UriKind.Relative), ct)).StatusCode);
            // Every blob storage still holds (the ones after the restart, and any it kept) ends with one status row.
            var present = new List<string>();
            await foreach (var blob in plain.GetBlobsAsync(cancellationToken: ct))
            {
                present.Add(blob.Name);
            }
            Assert.Superset(after.ToHashSet(), present.ToHashSet());
            Assert.Empty(await WaitForStatusRowsAsync(host, present, TimeSpan.FromMinutes(1), ct));
            var recorded = await StatusRowNamesAsync(storage, ct);
            Assert.Superset(present.ToHashSet(), recorded.ToHashSet());
            // A row beyond those is an upload made as storage died, read and analysed before storage lost its blob.
            Assert.All(recorded.Except(present), name => Assert.StartsWith("during-", name, StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/rules", UriKind.Relative), ct)).StatusCode);
            await host.StopAsync(ct);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Half through the local uploader (blob + queue message), half as a plain blob client would.
    private static async Task<List<string>> UploadAsync(ArticleUploader uploader, BlobContainerClient plain, string work, string prefix, int count, CancellationToken ct)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"{prefix}-{i:D2}-{Guid.NewGuid():N}.txt";
            if (i % 2 == 0)
            {
                var file = Path.Combine(work, name);
                await File.WriteAllTextAsync(file, TestArticles.UniqueWireStory(), ct);
                await uploader.UploadAsync(file, null, ct);
            }
            else
            {
                await plain.CreateIfNotExistsAsync(cancellationToken: ct);
                await plain.GetBlobClient(name).UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()), ct);
            }
            names.Add(name);
            await Task.Delay(100, ct);
        }
        return names;
    }

    private static int Count(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static IHost StartHost(RestartableAzurite storage, string? watchFolder, out Uri api)
    {
        api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var options = new LocalHostOptions
        {
            ApiUrl = api,
            WatchFolder = watchFolder,
            ReconcileInterval = TimeSpan.FromSeconds(3),
            ReconcileGrace = TimeSpan.FromSeconds(3),
        };
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["AlertsStorage"] = storage.ConnectionString,
            ["Alerts:Subscriptions:PublicBaseUrl"] = api.ToString(),
        };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Ansi = AnsiSupport.No });
        return LocalHostBuilder.Build(
            new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings).Build(),
            options,
            s => s.Replace(ServiceDescriptor.Singleton<IAnsiConsole>(console)));
    }

    private static async Task<List<string>> WaitForStatusRowsAsync(IHost host, IReadOnlyCollection<string> names, TimeSpan bound, CancellationToken ct)
    {
        var store = host.Services.GetRequiredService<IAnalysisStore>();
        var missing = names.ToList();
        var deadline = DateTime.UtcNow + bound;
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            var still = new List<string>();
            foreach (var name in missing)
            {
                try
                {
                    if (await store.GetUploadAsync(name, ct) is not { Status: UploadStatus.Analysed })
                    {
                        still.Add(name);
                    }
                }
                catch (Azure.RequestFailedException)
                {
                    still.Add(name);
                }
            }
            missing = still;
            if (missing.Count > 0)
            {
                await Task.Delay(500, ct);
            }
        }
        return missing;
    }

    /// <summary>
    /// The uploads' status rows, checked against their newest-first listing rows (keys starting <c>!t!</c>, written in
    /// the same transaction): each upload must be listed exactly once, as it is recorded once.
    /// </summary>
    /// <summary>The uploads with a status row (one row per name by its key), each row with its one listing row.</summary>
    private static async Task<List<string>> StatusRowNamesAsync(RestartableAzurite storage, CancellationToken ct)
    {
        var table = new TableServiceClient(storage.ConnectionString).GetTableClient(StorageNames.ArticlesTable);
        var rows = await table.QueryAsync<TableEntity>(cancellationToken: ct).ToListAsync(ct);
        var listed = rows.Count(r => r.RowKey.StartsWith("!t!", StringComparison.Ordinal));
        Assert.Equal(rows.Count - listed, listed);
        return [.. rows.Where(r => !r.RowKey.StartsWith("!t!", StringComparison.Ordinal)).Select(r => r.GetString("Name"))];
    }
}
