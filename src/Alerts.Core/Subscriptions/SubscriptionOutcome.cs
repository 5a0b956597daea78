namespace Alerts.Subscriptions;

/// <summary>The result of a subscription operation, shaped for the HTTP API and the CLI alike.</summary>
public sealed record SubscriptionOutcome
{
    public SubscriptionOutcomeKind Kind { get; private init; }
    public Subscription? Subscription { get; private init; }
    public IReadOnlyList<string> Errors { get; private init; } = [];
    public string? Message { get; private init; }

    /// <summary>When the same request may succeed if sent again (busy, awaiting confirmation, too many requests).</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public static SubscriptionOutcome NotFound { get; } = new() { Kind = SubscriptionOutcomeKind.NotFound, Errors = ["No such subscription."] };

    public static SubscriptionOutcome BadToken { get; } = new() { Kind = SubscriptionOutcomeKind.BadToken, Errors = ["This link is not valid or has expired."] };

    /// <summary>Other requests kept changing the subscription at the same moment; nothing was changed.</summary>
    public static SubscriptionOutcome Busy { get; } = new()
    {
        Kind = SubscriptionOutcomeKind.Busy,
        Errors = ["The subscription was being changed by other requests at the same moment; nothing was changed. Send the request again."],
        RetryAfter = TimeSpan.FromSeconds(1),
    };

    public static SubscriptionOutcome Invalid(IReadOnlyList<string> errors) => new() { Kind = SubscriptionOutcomeKind.Invalid, Errors = errors };

    public static SubscriptionOutcome Rejected(string error) => new() { Kind = SubscriptionOutcomeKind.Rejected, Errors = [error] };

    public static SubscriptionOutcome Created(Subscription subscription, string? message) => new() { Kind = SubscriptionOutcomeKind.Created, Subscription = subscription, Message = message };

    public static SubscriptionOutcome Ok(Subscription subscription, string? message = null) => new() { Kind = SubscriptionOutcomeKind.Ok, Subscription = subscription, Message = message };

    /// <summary>A confirmation email was sent on request.</summary>
    public static SubscriptionOutcome Resent(Subscription subscription, string message) => new() { Kind = SubscriptionOutcomeKind.Resent, Subscription = subscription, Message = message };

    /// <summary>The address already has a confirmation email waiting to be followed; nothing was stored or sent.</summary>
    public static SubscriptionOutcome AwaitingConfirmation(string error, TimeSpan retryAfter) =>
        new() { Kind = SubscriptionOutcomeKind.AwaitingConfirmation, Errors = [error], RetryAfter = retryAfter };

    public static SubscriptionOutcome TooManyRequests(string error, TimeSpan retryAfter) =>
        new() { Kind = SubscriptionOutcomeKind.TooManyRequests, Errors = [error], RetryAfter = retryAfter };
}

public enum SubscriptionOutcomeKind
{
    Ok,
    Created,
    NotFound,
    Invalid,
    Rejected,
    BadToken,
    Busy,
    Resent,
    AwaitingConfirmation,
    TooManyRequests,
}
