using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Alerts.Telemetry;

/// <summary>
/// The pipeline's own traces (ActivitySource <c>Alerts</c>) and metrics (Meter <c>Alerts</c>), in plain
/// System.Diagnostics so Core needs no exporter; the hosts subscribe to both names. Instrument names are the ones
/// the Azure Monitor alert rules in infra/modules/alertrules.bicep query. Tags carry ids, states and reasons only:
/// never an address, a query, a webhook URL or a token.
/// </summary>
public static class AlertsTelemetry
{
    public const string Name = "Alerts";

    public const string ArticlesAnalysed = "alerts.articles.analysed";
    public const string ArticlesRefused = "alerts.articles.refused";
    public const string PoisonMessages = "alerts.poison.messages";
    public const string DigestsFailed = "alerts.digests.failed";
    public const string DeliveryAttempts = "alerts.deliveries";
    public const string RuleMatches = "alerts.matches";
    public const string DeliveryLatency = "alerts.delivery.latency";
    public const string StoryRowsDeleted = "alerts.stories.pruned";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    private static readonly Counter<long> Analysed = Meter.CreateCounter<long>(ArticlesAnalysed, "{article}",
        "Uploads analysed (including duplicates of a story already analysed).");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(ArticlesRefused, "{article}",
        "Uploads refused with a recorded reason (unreadable, too large, too slow...).");

    private static readonly Counter<long> Poison = Meter.CreateCounter<long>(PoisonMessages, "{message}",
        "Queue messages given up on and left on a poison queue.");

    private static readonly Counter<long> DigestFailures = Meter.CreateCounter<long>(DigestsFailed, "{digest}",
        "Digests that could not be delivered after their retries.");

    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(DeliveryAttempts, "{attempt}",
        "Delivery attempts of alerts and digests, by channel, kind and result.");

    private static readonly Counter<long> Matches = Meter.CreateCounter<long>(RuleMatches, "{match}",
        "New matches stored, by rule; subscribers' own queries are counted together as 'query'.");

    private static readonly Counter<long> Pruned = Meter.CreateCounter<long>(StoryRowsDeleted, "{row}",
        "Story index rows deleted by the prune, by kind (bucket or article).");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(DeliveryLatency, "s",
        "From the match (an immediate alert) or the window's end (a scheduled digest) to the receiver's acceptance.");

    /// <summary>Counts a new match; a subscriber's query id is opaque and per subscriber, so it is never a tag value.</summary>
    public static void RuleMatched(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        Matches.Add(1, new KeyValuePair<string, object?>("rule", ruleId.StartsWith(Subscriptions.QueryRuleIds.Prefix, StringComparison.Ordinal) ? "query" : ruleId));
    }

    public static void Delivered(string channel, string kind, TimeSpan latency) => Latency.Record(Math.Max(0, latency.TotalSeconds),
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("kind", kind));

    public static void StoryRowsPruned(int bucketRows, int articleRows)
    {
        Pruned.Add(bucketRows, new KeyValuePair<string, object?>("kind", "bucket"));
        Pruned.Add(articleRows, new KeyValuePair<string, object?>("kind", "article"));
    }

    public static void ArticleAnalysed(string status) => Analysed.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void ArticleRefused(string reason) => Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void PoisonMessage(string queue) => Poison.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public static void DigestFailed(string channel, string reason) => DigestFailures.Add(1,
        new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));

    public static void DeliveryAttempted(string channel, string kind, string result) => Attempts.Add(1,
        new KeyValuePair<string, object?>("channel", channel),
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("result", result));

    /// <summary>
    /// A span that processes a queue message: a child of the span that sent it (the message's W3C
    /// <paramref name="traceParent"/>), so one article's trace runs across the queue hop, and linked to the trigger's own
    /// span, if any. A message without a valid traceparent (sent before it was added, or hand-made) starts a new trace.
    /// </summary>
    public static Activity? StartProcessing(string queue, string messageId, string? traceParent)
    {
        var invocation = Activity.Current;
        ActivityLink[]? links = invocation is null ? null : [new ActivityLink(invocation.Context)];
        var tags = new ActivityTagsCollection
        {
            ["messaging.system"] = "azure_queue",
            ["messaging.operation.type"] = "process",
            ["messaging.destination.name"] = queue,
            ["messaging.message.id"] = messageId,
        };
        return TraceParent.TryParse(traceParent, out var parent)
            ? Source.StartActivity($"process {queue}", ActivityKind.Consumer, parent, tags, links)
            : Source.StartActivity($"process {queue}", ActivityKind.Consumer, default(ActivityContext), tags, links);
    }

    /// <summary>A span that sends a queue message; its context is what the message carries as <c>traceparent</c>.</summary>
    public static Activity? StartSending(string queue)
    {
        var activity = Source.StartActivity($"send {queue}", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "azure_queue");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", queue);
        return activity;
    }

    /// <summary>An enum as a tag value: its stored name in lowercase (<c>webhook</c>, <c>sent</c>, <c>immediate</c>).</summary>
    public static string TagOf<T>(T value) where T : struct, Enum => StoredValue.Of(value).ToLowerInvariant();

    /// <summary>Marks <paramref name="activity"/> failed with an exception's type only: its message may quote input.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }
}
