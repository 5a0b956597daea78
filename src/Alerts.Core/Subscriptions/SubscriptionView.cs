using System.Globalization;

namespace Alerts.Subscriptions;

/// <summary>A subscription as the API shows it. The signing secret appears only in the response that created it.</summary>
public sealed record SubscriptionView
{
    public required string Id { get; init; }
    public required string Channel { get; init; }
    public required string Target { get; init; }
    public required IReadOnlyList<string> Rules { get; init; }
    public required IReadOnlyList<string> Queries { get; init; }
    public required string Cadence { get; init; }
    public string? At { get; init; }
    public string? TimeZone { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? DeliveredUntil { get; init; }
    public string? LastError { get; init; }
    public string? SigningSecret { get; init; }

    /// <summary>A feed's signed URL, for its reader (anyone holding it can read the feed; unsubscribing revokes it).</summary>
    public Uri? FeedUrl { get; init; }

    /// <summary>Creation only: what the subscriber must do next, or what went wrong after it was stored.</summary>
    public string? Message { get; init; }

    public static SubscriptionView From(Subscription s, bool includeSecret = false, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SubscriptionView
        {
            Id = s.Id,
            Channel = s.Channel.ToString().ToLowerInvariant(),
            Target = SubscriptionTargets.Shown(s),
            Rules = s.Rules,
            Queries = s.Queries,
            Cadence = s.Cadence.Kind.ToString().ToLowerInvariant(),
            At = s.Cadence.Kind == CadenceKind.Daily ? (s.Cadence.At ?? new TimeOnly(8, 0)).ToString("HH:mm", CultureInfo.InvariantCulture) : null,
            TimeZone = s.Cadence.Kind == CadenceKind.Daily ? s.Cadence.TimeZone ?? "UTC" : null,
            Status = s.Status.ToString().ToLowerInvariant(),
            CreatedAt = s.CreatedAt,
            ConfirmedAt = s.ConfirmedAt,
            DeliveredUntil = s.DeliveredUntil,
            LastError = s.LastError,
            SigningSecret = includeSecret ? s.SigningSecret : null,
            Message = message,
        };
    }
}
