namespace Alerts.Delivery;

/// <summary>What a channel reports after trying to send a digest.</summary>
public sealed record DeliveryOutcome
{
    public required DeliveryResult Result { get; init; }

    /// <summary>Why it failed, for the ledger and <c>alerts deliveries</c>; never holds secrets.</summary>
    public string? Error { get; init; }

    /// <summary>A wait the receiver asked for (HTTP <c>Retry-After</c>); the next attempt is not earlier.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static DeliveryOutcome Sent { get; } = new() { Result = DeliveryResult.Sent };

    public static DeliveryOutcome Failed(string error, TimeSpan? retryAfter = null) => new() { Result = DeliveryResult.Failed, Error = error, RetryAfter = retryAfter };

    public static DeliveryOutcome Gone(string error) => new() { Result = DeliveryResult.Gone, Error = error };
}
