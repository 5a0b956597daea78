using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Alerts.Articles;
using Alerts.Delivery;
using Alerts.LoadTest;
using Alerts.LocalHost;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

// End-to-end load against Azurite and the local host (the same host as `alerts run`), loopback only. bench/load/run.sh
// starts Azurite on free ports and runs this; see the README's Performance section.
var options = LoadOptions.Parse(args);
// Setup may be cancelled by the timeout; the waits below stop at the deadline and report what they measured.
using var timeout = new CancellationTokenSource(options.Timeout);
var ct = timeout.Token;
var deadline = DateTimeOffset.UtcNow + options.Timeout - TimeSpan.FromSeconds(30);
bool InTime() => DateTimeOffset.UtcNow < deadline;
var inv = CultureInfo.InvariantCulture;
void Say(string line) => Console.WriteLine(string.Create(inv, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));

await using var receiver = await WebhookReceiver.StartAsync(ct);
var clock = new ShiftedTimeProvider();
var apiPort = FreePort();
var work = Directory.CreateTempSubdirectory("alerts-load.").FullName;
var hostOptions = new LocalHostOptions { ApiUrl = new Uri($"http://127.0.0.1:{apiPort}"), WatchFolder = options.Via == "folder" ? Path.Combine(work, "watch") : null };
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(LocalDefaults.For(hostOptions))
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = options.Storage,
        ["AlertsStorage"] = options.Storage,
        // The digest run is started by this program, not by the timer.
        ["DigestSchedule"] = "0 0 0 1 1 *",
    })
    .AddInMemoryCollection(options.FanOutBatch > 0 ? new Dictionary<string, string?> { ["Alerts:Immediate:FanOutBatchSize"] = options.FanOutBatch.ToString(inv) } : [])
    .Build();

using var host = LocalHostBuilder.Build(configuration, hostOptions, services =>
{
    services.RemoveAll<TimeProvider>();
    services.AddSingleton<TimeProvider>(clock);
    services.RemoveAll<IAnsiConsole>();
    services.AddSingleton(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }));
});
var blobs = host.Services.GetRequiredService<BlobServiceClient>();
var tables = host.Services.GetRequiredService<TableServiceClient>();
var store = host.Services.GetRequiredService<ISubscriptionStore>();

if (options.FanOut > 0)
{
    return await FanOutRun.RunAsync(host, receiver, options, work, Say, ct);
}

// Storage and subscriptions first, so the catalogue sees the subscribers' queries from the first article.
await blobs.GetBlobContainerClient(StorageNames.ArticlesContainer).CreateIfNotExistsAsync(cancellationToken: ct);
await tables.GetTableClient(StorageNames.ArticlesTable).CreateIfNotExistsAsync(ct);
string[] builtin = ["state-of-emergency", "troop-arrivals", "mass-detentions", "shoot-to-kill", "casualties", "flight-cancellations"];
string[] queries = ["Karachi AND (flood OR floods)", "\"tear gas\" AND Tbilisi", "Bamako AND (troops OR soldiers)", "ransomware AND (port OR terminals)", "Almaty AND curfew"];
var watch = Stopwatch.StartNew();
var created = DateTimeOffset.UtcNow.AddMinutes(-1);
await LoadSubscribers.AddAsync(store, receiver, options.Subscriptions, "i", Cadence.Immediate, created,
    i => ([builtin[i % builtin.Length], builtin[(i / builtin.Length) % builtin.Length]], i % 4 == 0 ? [queries[i / 4 % queries.Length]] : []), ct);
Say($"{options.Subscriptions} immediate webhook subscriptions stored in {watch.Elapsed.TotalSeconds:F1} s");
// As after a deployment: the index of subscriptions by rule is completed once (alerts subscriptions reindex), so
// immediate alerts read only their rules' subscribers from then on.
watch.Restart();
var reindexed = await host.Services.GetRequiredService<SubscriptionIndexing>().RepairAsync(store, ct);
Say($"subscription index completed in {watch.Elapsed.TotalSeconds:F1} s ({reindexed})");

await host.StartAsync(ct);
Say($"local host started (API on {hostOptions.ApiUrl})");

// Distinct articles: the wire stories, each with a unique sentence after its first paragraph (so none is a duplicate).
var sources = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "articles"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
var uploads = Enumerable.Range(0, options.Articles).Select(i =>
{
    var text = sources[i % sources.Length];
    var at = text.IndexOf("\n\n", Math.Min(200, text.Length - 1), StringComparison.Ordinal);
    var unique = string.Create(inv, $"\n\nReference {i}: officials updated the figures at {i % 24:D2}:{i % 60:D2} local time, citing report number {1000 + i}.");
    var content = Encoding.UTF8.GetBytes(at < 0 ? text + unique : text.Insert(at, unique));
    var name = string.Create(inv, $"load-{DateTime.UtcNow:HHmmss}-{i:D5}.txt");
    return (Name: name, Content: content, Id: ArticleParser.Parse(name, content).Id);
}).ToList();

var container = blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
var uploaded = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
var start = DateTimeOffset.UtcNow;
var uploader = host.Services.GetRequiredService<ArticleUploader>();
async ValueTask PutAsync((string Name, byte[] Content, string Id) u, CancellationToken token)
{
    switch (options.Via)
    {
        case "upload":
            var file = Path.Combine(work, u.Name);
            await File.WriteAllBytesAsync(file, u.Content, token);
            uploaded[u.Name] = DateTimeOffset.UtcNow;
            await uploader.UploadAsync(file, null, token);
            break;
        case "folder":
            // Written aside and moved in, as an editor's save would land: the watcher sees a whole file.
            var aside = Path.Combine(work, u.Name);
            await File.WriteAllBytesAsync(aside, u.Content, token);
            uploaded[u.Name] = DateTimeOffset.UtcNow;
            File.Move(aside, Path.Combine(hostOptions.WatchFolder!, u.Name));
            break;
        default:
            uploaded[u.Name] = DateTimeOffset.UtcNow;
            await container.UploadBlobAsync(u.Name, new BinaryData(u.Content), token);
            break;
    }
}
if (options.Rate > 0)
{
    // A steady rate, each upload started on its tick and not waiting for the previous one.
    var pending = new List<Task>();
    for (var i = 0; i < uploads.Count; i++)
    {
        var due = start + TimeSpan.FromSeconds((double)i / options.Rate);
        if (due > DateTimeOffset.UtcNow)
        {
            await Task.Delay(due - DateTimeOffset.UtcNow, ct);
        }
        pending.Add(PutAsync(uploads[i], ct).AsTask());
    }
    await Task.WhenAll(pending);
}
else
{
    await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, PutAsync);
}
Say($"{uploads.Count} articles uploaded in {(DateTimeOffset.UtcNow - start).TotalSeconds:F1} s");

// Wait for every status row (analysed, duplicate or failed), reading the articles table once a second.
var statusTable = tables.GetTableClient(StorageNames.ArticlesTable);
var rows = new Dictionary<string, (string Status, DateTimeOffset Time, int Matches)>(StringComparer.Ordinal);
var names = uploads.ToDictionary(u => TableKeys.Escape(u.Name), u => u.Name, StringComparer.Ordinal);
var lastReport = DateTimeOffset.UtcNow;
var lastProgress = (Count: 0, At: DateTimeOffset.UtcNow);
// Stop waiting when nothing new was processed for two minutes: locally the blob trigger polls the container, and
// a blob it misses in one scan waits for a later full scan (the WebJobs SDK documents delays of up to 10 minutes).
while (rows.Count < uploads.Count && InTime() && DateTimeOffset.UtcNow - lastProgress.At < TimeSpan.FromMinutes(2))
{
    await foreach (var e in statusTable.QueryAsync<TableEntity>(filter: "PartitionKey eq 'upload'", cancellationToken: CancellationToken.None))
    {
        if (names.TryGetValue(e.RowKey, out var name) && !rows.ContainsKey(name))
        {
            rows[name] = (e.GetString("Status") ?? "?", e.GetDateTimeOffset("Time") ?? DateTimeOffset.UtcNow, e.GetInt32("MatchCount") ?? 0);
        }
    }
    if (rows.Count > lastProgress.Count)
    {
        lastProgress = (rows.Count, DateTimeOffset.UtcNow);
    }
    if (rows.Count < uploads.Count)
    {
        if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(30))
        {
            Say($"{rows.Count} of {uploads.Count} processed");
            lastReport = DateTimeOffset.UtcNow;
        }
        await Task.Delay(1000, CancellationToken.None);
    }
}
var analysedAt = rows.Values.Select(r => r.Time).DefaultIfEmpty(start).Max();
var toMatch = rows.Select(kv => (kv.Value.Time - uploaded[kv.Key]).TotalMilliseconds).ToList();
Say($"{rows.Count} of {uploads.Count} processed ({string.Join(", ", rows.Values.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"))}), " +
    $"{rows.Values.Sum(r => r.Matches)} matches");

// Immediate webhooks: wait until the queue has drained (no new arrivals for 10 s).
var expected = uploads.Where(u => rows.TryGetValue(u.Name, out var r) && r.Matches > 0).ToList();
var lastCount = -1;
var quietSince = DateTimeOffset.UtcNow;
while (InTime() && receiver.FirstSeen.Count < expected.Count && DateTimeOffset.UtcNow - quietSince < TimeSpan.FromSeconds(10))
{
    if (receiver.FirstSeen.Count != lastCount)
    {
        lastCount = receiver.FirstSeen.Count;
        quietSince = DateTimeOffset.UtcNow;
    }
    await Task.Delay(500, CancellationToken.None);
}
var toWebhook = expected.Where(u => receiver.FirstSeen.ContainsKey(u.Id)).Select(u => (receiver.FirstSeen[u.Id] - uploaded[u.Name]).TotalMilliseconds).ToList();
Say($"webhooks: {receiver.FirstSeen.Count} of {expected.Count} matched articles arrived ({receiver.Requests} requests)");

// The digest run: hourly subscriptions whose window holds this run's matches; the clock is moved past the window's end.
double? digestSeconds = null;
DigestRunSummary? summary = null;
if (options.DigestSubscriptions > 0 && InTime())
{
    using var digestTimeout = new CancellationTokenSource(deadline - DateTimeOffset.UtcNow);
    ct = digestTimeout.Token;
    watch.Restart();
    // Written past the index: the digest fan-out does not read it, and 10,000 subscriptions' index rows are set-up
    // time, not what this run measures.
    var rawStore = host.Services.GetRequiredService<TableSubscriptionStore>();
    await LoadSubscribers.AddAsync(rawStore, receiver, options.DigestSubscriptions, "d", Cadence.Hourly, created, i => ([builtin[i % builtin.Length]], []), ct);
    Say($"{options.DigestSubscriptions} hourly subscriptions stored in {watch.Elapsed.TotalSeconds:F1} s");
    var now = DateTimeOffset.UtcNow;
    var hourEnd = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
    clock.Offset = hourEnd - now + TimeSpan.FromMinutes(1);
    var requestsBefore = receiver.Requests;
    watch.Restart();
    // The timer's work (queue the active subscriptions in batches), then the local host's queue trigger sends them:
    // the run ends when every hourly subscriber has its digest, or nothing new arrived for 20 s.
    // The batches are sent while the timer is still queueing them: the clock of the first digests runs alongside it.
    var timer = host.Services.GetRequiredService<Alerts.Hosting.DigestTimerHandler>().HandleAsync(ct);
    _ = timer.ContinueWith(t => Say(t.IsCompletedSuccessfully ? $"digest timer: {t.Result} in {watch.Elapsed.TotalSeconds:F1} s" : "digest timer: did not finish"), TaskScheduler.Default);
    int Digests() => receiver.Hits.Keys.Count(k => k.StartsWith('d'));
    var seen = (Count: -1, At: DateTimeOffset.UtcNow);
    var firstDigest = (double?)null;
    var at1000 = (double?)null;
    while (InTime() && Digests() < options.DigestSubscriptions && (!timer.IsCompleted || DateTimeOffset.UtcNow - seen.At < TimeSpan.FromSeconds(20)))
    {
        var n = Digests();
        if (n != seen.Count)
        {
            seen = (n, DateTimeOffset.UtcNow);
        }
        firstDigest ??= n > 0 ? watch.Elapsed.TotalSeconds : null;
        at1000 ??= n >= Math.Min(1000, options.DigestSubscriptions) ? watch.Elapsed.TotalSeconds : null;
        await Task.Delay(100, CancellationToken.None);
    }
    var fanOut = timer.IsCompletedSuccessfully ? timer.Result : new DigestFanOut(0, 0);
    var delivered = Digests();
    digestSeconds = delivered == options.DigestSubscriptions ? watch.Elapsed.TotalSeconds : null;
    at1000 ??= watch.Elapsed.TotalSeconds;
    var repeats = receiver.Hits.Where(kv => kv.Key.StartsWith('d')).Sum(kv => kv.Value - 1);
    summary = new DigestRunSummary(fanOut.Subscriptions, delivered, options.DigestSubscriptions - delivered, Retried: 0, Held: 0, NotDue: 0, Empty: 0);
    // Undelivered when the bound ended is not lost: the ledger still holds what was queued.
    var missing = InTime() ? "lost" : "not delivered when the bound ended";
    Say(string.Create(inv, $"digests: {delivered} of {options.DigestSubscriptions} delivered, {repeats} repeated, {options.DigestSubscriptions - delivered} {missing}; first at {firstDigest:F1} s, 1,000th at {at1000:F1} s, last at {watch.Elapsed.TotalSeconds:F1} s"));
    if (delivered > 1000)
    {
        // Cost per subscriber: seconds per digest for the first 1,000 against the whole run.
        Say(string.Create(inv, $"per subscriber: {at1000 / Math.Min(1000, delivered) * 1000:F2} ms (first 1,000), {watch.Elapsed.TotalSeconds / delivered * 1000:F2} ms (all {delivered})"));
    }
    Say(string.Create(inv, $"digests per second: {delivered / Math.Max(0.001, watch.Elapsed.TotalSeconds):F1} (timer included); load average {LoadAverage()}"));
    Say($"digest run: {summary} in {digestSeconds:F1} s, {receiver.Requests - requestsBefore} webhook requests");
}

await host.StopAsync(CancellationToken.None);

Console.WriteLine();
Console.WriteLine("| Measure | Value |");
Console.WriteLine("|---|---|");
Console.WriteLine(string.Create(inv, $"| Articles uploaded / processed | {uploads.Count} / {rows.Count} |"));
Console.WriteLine(string.Create(inv, $"| Articles analysed per second (first upload to last status row) | {rows.Count / Math.Max(0.001, (analysedAt - start).TotalSeconds):F1} |"));
Console.WriteLine(string.Create(inv, $"| Upload-to-match p50 / p95 | {Percentile(toMatch, 50):F0} ms / {Percentile(toMatch, 95):F0} ms |"));
Console.WriteLine(string.Create(inv, $"| Upload-to-webhook p50 / p95 ({toWebhook.Count} articles) | {Percentile(toWebhook, 50):F0} ms / {Percentile(toWebhook, 95):F0} ms |"));
Console.WriteLine(string.Create(inv, $"| Digest run, {options.DigestSubscriptions} hourly subscriptions (+{options.Subscriptions} immediate) | {(digestSeconds is { } d ? $"{d:F1} s: {summary}" : "not run")} |"));
return rows.Count < uploads.Count || digestSeconds is null && options.DigestSubscriptions > 0 ? 3 : 0;

// The machine's 1, 5 and 15 minute load averages, where the system tells them: figures from a shared machine need them.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Percentile(List<double> values, int p)
{
    if (values.Count == 0)
    {
        return double.NaN;
    }
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static int FreePort()
{
    using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    socket.Start();
    return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
}
