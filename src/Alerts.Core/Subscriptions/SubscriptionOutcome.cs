namespace Alerts.Subscriptions;

/// <summary>The result of a subscription operation, shaped for the HTTP API and the CLI alike.</summary>
public sealed record SubscriptionOutcome
{
    public SubscriptionOutcomeKind Kind { get; private init; }
    public Subscription? Subscription { get; private init; }
    public IReadOnlyList<string> Errors { get; private init; } = [];
    public string? Message { get; private init; }

    public static SubscriptionOutcome NotFound { get; } = new() { Kind = SubscriptionOutcomeKind.NotFound, Errors = ["No such subscription."] };

    public static SubscriptionOutcome BadToken { get; } = new() { Kind = SubscriptionOutcomeKind.BadToken, Errors = ["This link is not valid or has expired."] };

    public static SubscriptionOutcome Invalid(IReadOnlyList<string> errors) => new() { Kind = SubscriptionOutcomeKind.Invalid, Errors = errors };

    public static SubscriptionOutcome Rejected(string error) => new() { Kind = SubscriptionOutcomeKind.Rejected, Errors = [error] };

    public static SubscriptionOutcome Created(Subscription subscription, string? message) => new() { Kind = SubscriptionOutcomeKind.Created, Subscription = subscription, Message = message };

    public static SubscriptionOutcome Ok(Subscription subscription) => new() { Kind = SubscriptionOutcomeKind.Ok, Subscription = subscription };
}

public enum SubscriptionOutcomeKind
{
    Ok,
    Created,
    NotFound,
    Invalid,
    Rejected,
    BadToken,
}
