using System.Globalization;

namespace Alerts.LoadTest;

/// <summary>
/// Command line: <c>--storage &lt;connection string&gt; [--articles 1000] [--subscriptions 1000] [--digest-subscriptions 10000] [--timeout 900]</c>,
/// or <c>--fan-out N [--fan-out-batch 50]</c> for the immediate fan-out run alone.
/// </summary>
internal sealed record LoadOptions
{
    public required string Storage { get; init; }

    public int Articles { get; init; } = 1_000;

    public int Subscriptions { get; init; } = 1_000;

    public int DigestSubscriptions { get; init; } = 10_000;

    /// <summary>How articles go in: <c>blob</c> (a plain blob client), <c>upload</c> (what <c>alerts upload</c> does) or <c>folder</c> (the watched folder).</summary>
    public string Via { get; init; } = "blob";

    /// <summary>Uploads per second; 0 uploads as fast as 8 parallel clients can.</summary>
    public int Rate { get; init; }

    /// <summary>When above 0: only the fan-out run, this many immediate webhook subscribers of one rule and one matching upload.</summary>
    public int FanOut { get; init; }

    /// <summary>The immediate fan-out's batch size (<c>Alerts:Immediate:FanOutBatchSize</c>); 0 keeps the default.</summary>
    public int FanOutBatch { get; init; }

    /// <summary>The whole run stops after this long, whatever it measured so far.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    public static LoadOptions Parse(string[] args)
    {
        string? storage = null;
        int articles = 1_000, subscriptions = 1_000, digest = 10_000, timeout = 900, rate = 0, fanOut = 0, fanOutBatch = 0;
        var via = "blob";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--storage": storage = value; break;
                case "--articles": articles = Bounded(value, 1, 10_000); break;
                case "--subscriptions": subscriptions = Bounded(value, 0, 10_000); break;
                case "--digest-subscriptions": digest = Bounded(value, 0, 20_000); break;
                case "--timeout": timeout = Bounded(value, 10, 3_600); break;
                case "--rate": rate = Bounded(value, 0, 1_000); break;
                case "--fan-out": fanOut = Bounded(value, 0, 100_000); break;
                case "--fan-out-batch": fanOutBatch = Bounded(value, 1, 200); break;
                case "--via": via = value is "blob" or "upload" or "folder" ? value : throw new ArgumentException("--via is blob, upload or folder."); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        return new LoadOptions
        {
            Storage = storage ?? Environment.GetEnvironmentVariable("ALERTS_TEST_STORAGE") ?? throw new ArgumentException("--storage (an Azurite connection string) is required."),
            Articles = articles,
            Subscriptions = subscriptions,
            DigestSubscriptions = digest,
            Timeout = TimeSpan.FromSeconds(timeout),
            Via = via,
            Rate = rate,
            FanOut = fanOut,
            FanOutBatch = fanOutBatch,
        };
    }

    private static int Bounded(string value, int min, int max)
    {
        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return n < min || n > max ? throw new ArgumentException($"{value} is outside {min}..{max}.") : n;
    }
}
