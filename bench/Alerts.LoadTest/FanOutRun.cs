using System.Diagnostics;
using System.Globalization;
using Alerts.Delivery;
using Alerts.LocalHost;
using Alerts.Storage;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.LoadTest;

/// <summary>
/// <c>--fan-out N</c>: N immediate webhook subscribers of one rule, each on its own hook path of one loopback receiver,
/// and one matching upload through <c>alerts upload</c>'s uploader. Prints when the first and the last alert arrived
/// after the upload, the cost per subscriber between them, and how many were repeated or lost.
/// </summary>
internal static class FanOutRun
{
    private const string Rule = "state-of-emergency";

    public static async Task<int> RunAsync(IHost host, WebhookReceiver receiver, LoadOptions options, string work, Action<string> say, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var store = host.Services.GetRequiredService<ISubscriptionStore>();
        var watch = Stopwatch.StartNew();
        var created = DateTimeOffset.UtcNow.AddMinutes(-1);
        // Through the store the API uses, so each subscription's index row is written with it.
        await LoadSubscribers.AddAsync(store, receiver, options.FanOut, "f", Cadence.Immediate, created, _ => ([Rule], []), ct);
        say($"{options.FanOut} immediate webhook subscribers of {Rule} stored in {watch.Elapsed.TotalSeconds:F1} s");
        await host.Services.GetRequiredService<SubscriptionIndexing>().RepairAsync(store, ct);
        await host.StartAsync(ct);
        var batch = host.Services.GetRequiredService<IOptions<ImmediateOptions>>().Value.FanOutBatchSize;
        say($"local host started; fan-out batch size {batch}, load average {LoadAverage()}");

        var file = Path.Combine(work, $"fan-out-{DateTime.UtcNow:HHmmss}.txt");
        await File.WriteAllTextAsync(file, string.Create(inv,
            $"Emergency declared\n\nThe government declared a state of emergency in the capital on Monday.\n\nReference {Guid.NewGuid():N}: officials updated the figures.\n"), ct);
        var uploaded = DateTimeOffset.UtcNow;
        await host.Services.GetRequiredService<ArticleUploader>().UploadAsync(file, null, ct);

        // Until every subscriber has its alert, nothing new arrived for 20 s after the first, or 3 minutes passed.
        var seen = (Count: 0, At: DateTimeOffset.UtcNow);
        while (!ct.IsCancellationRequested && receiver.HookFirstSeen.Count < options.FanOut
            && DateTimeOffset.UtcNow - uploaded < TimeSpan.FromMinutes(3)
            && (seen.Count == 0 || DateTimeOffset.UtcNow - seen.At < TimeSpan.FromSeconds(20)))
        {
            if (receiver.HookFirstSeen.Count != seen.Count)
            {
                seen = (receiver.HookFirstSeen.Count, DateTimeOffset.UtcNow);
            }
            await Task.Delay(50, CancellationToken.None);
        }
        // A little longer, so a repeat sent late is counted.
        await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
        var times = receiver.HookFirstSeen.Values.Select(t => (t - uploaded).TotalSeconds).Order().ToList();
        var delivered = times.Count;
        var repeated = receiver.Hits.Sum(kv => kv.Value - 1);
        var first = times.Count > 0 ? times[0] : double.NaN;
        var last = times.Count > 0 ? times[^1] : double.NaN;
        // Cut by the 3-minute bound, the ones not arrived are not known to be lost: the host was still sending.
        var cut = delivered < options.FanOut && DateTimeOffset.UtcNow - uploaded >= TimeSpan.FromMinutes(3);
        var missing = cut ? $"{options.FanOut - delivered} not arrived when the 3-minute bound ended" : $"{options.FanOut - delivered} lost";
        say(string.Create(inv, $"fan-out: {delivered} of {options.FanOut} alerted, {repeated} repeated, {missing}; first at {first:F2} s, last at {last:F2} s after the upload; load average {LoadAverage()}"));
        if (delivered > 1)
        {
            say(string.Create(inv, $"per subscriber (first to last alert): {(last - first) / (delivered - 1) * 1000:F2} ms; {receiver.Requests} requests on {receiver.Connections} connections"));
        }
        await host.StopAsync(CancellationToken.None);

        Console.WriteLine();
        Console.WriteLine("| Measure | Value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(inv, $"| Immediate subscribers of one rule (batch size {batch}) | {options.FanOut} |"));
        Console.WriteLine(string.Create(inv, $"| First / last alert after the upload | {first:F2} s / {last:F2} s |"));
        Console.WriteLine(string.Create(inv, $"| Alerted / repeated / {(cut ? "not arrived (bound)" : "lost")} | {delivered} / {repeated} / {options.FanOut - delivered} |"));
        return delivered == options.FanOut && repeated == 0 ? 0 : 3;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
