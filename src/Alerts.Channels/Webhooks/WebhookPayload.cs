using System.Text.Json;
using Alerts.Analysis;
using Alerts.Digests;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// The JSON body of a webhook delivery: the digest, its window and its articles with every rule each met. Articles
/// and matches have the shape of the stored analysis as readers get it (<see cref="AlertsJson.ForReaders"/>).
/// </summary>
public sealed record WebhookPayload
{
    public const string DigestType = "digest";

    public string Type { get; init; } = DigestType;

    /// <summary>The digest id, also sent as <c>webhook-id</c>: the same on every retry, so receivers drop repeats.</summary>
    public required string Id { get; init; }

    public required string SubscriptionId { get; init; }

    /// <summary><c>immediate</c> or <c>scheduled</c>.</summary>
    public required DigestKind Kind { get; init; }

    public required WebhookWindow Window { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<DigestArticle> Articles { get; init; }

    /// <summary>Articles left out by the size cap.</summary>
    public int MoreArticles { get; init; }

    public static WebhookPayload From(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new WebhookPayload
        {
            Id = digest.Id,
            SubscriptionId = digest.SubscriptionId,
            Kind = digest.Kind,
            Window = new WebhookWindow(digest.WindowStart, digest.WindowEnd),
            CreatedAt = digest.CreatedAt,
            Articles = digest.Articles,
            MoreArticles = digest.MoreArticles,
        };
    }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, AlertsJson.ForReaders);
}

/// <summary>The time span a digest covers (an immediate alert's window is the moment it matched).</summary>
public sealed record WebhookWindow(DateTimeOffset Start, DateTimeOffset End);
