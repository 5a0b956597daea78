namespace Alerts.Storage;

/// <summary>
/// Fixed names of the storage resources the pipeline uses. They are not settings: the blob trigger's path,
/// the Bicep that creates them and the code must agree, and a constant keeps them agreeing.
/// </summary>
public static class StorageNames
{
    /// <summary>The configuration name of the storage connection, shared with the triggers' <c>Connection</c>.</summary>
    public const string Connection = "AlertsStorage";

    public const string ArticlesContainer = "articles";
    public const string AnalysesContainer = "analyses";

    /// <summary>One row per uploaded blob: status, article id, title, reason for a failure.</summary>
    public const string ArticlesTable = "articles";

    /// <summary>One row per (article, rule) match.</summary>
    public const string MatchesTable = "matches";

    /// <summary>The same matches keyed by rule and time, so a digest reads a rule's matches of a window in one range query.</summary>
    public const string RuleMatchesTable = "rulematches";

    /// <summary>Matches of subscribers' own queries keyed by query rule id and time, apart from the shared rows.</summary>
    public const string QueryMatchesTable = "querymatches";

    /// <summary>Matches of subscribers' own queries per article (<c>{articleId}.json</c>), apart from the shared analysis.</summary>
    public const string QueryMatchesContainer = "querymatches";

    public const string SubscriptionsTable = "subscriptions";

    /// <summary>The story index: articles by LSH bucket key (PartitionKey the bucket), and each article's signature.</summary>
    public const string StoryBucketsTable = "storybuckets";

    /// <summary>Subscriptions by watched rule (PartitionKey the rule or query id), so immediate alerts read only a rule's subscribers.</summary>
    public const string SubscriptionIndexTable = "subscriptionindex";

    /// <summary>The delivery ledger: one row per digest, with its state and attempts.</summary>
    public const string DeliveriesTable = "deliveries";

    /// <summary>Digest payloads kept for resends and replay (<c>{subscriptionId}/{digestId}.json</c>).</summary>
    public const string DigestsContainer = "digests";

    /// <summary>Keys the app makes for itself, such as the one that signs unsubscribe links.</summary>
    public const string KeysContainer = "keys";

    /// <summary>One message per newly matched article, for immediate subscribers.</summary>
    public const string ImmediateQueue = "immediate-deliveries";

    /// <summary>Batches of subscription ids whose digests are due, queued by the digest timer (<see cref="Delivery.DigestBatch"/>).</summary>
    public const string DigestBatchQueue = "digest-batches";

    /// <summary>Batches of one article's immediate subscribers, queued when a rule has more than one message should send (<see cref="Delivery.ImmediateBatch"/>).</summary>
    public const string ImmediateBatchQueue = "immediate-batches";
}
