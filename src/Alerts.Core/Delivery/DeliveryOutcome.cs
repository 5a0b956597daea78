namespace Alerts.Delivery;

/// <summary>What a channel reports after trying to send a digest.</summary>
public sealed record DeliveryOutcome
{
    public required DeliveryResult Result { get; init; }

    /// <summary>Why it failed, for the ledger and <c>alerts deliveries</c>; never holds secrets.</summary>
    public string? Error { get; init; }

    /// <summary>A wait the receiver asked for (HTTP <c>Retry-After</c>); the next attempt is not earlier.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// False when sending the same message again cannot help (the receiver refused it as malformed): the delivery
    /// service gives up on it at once, as after its last retry, instead of retrying on the schedule.
    /// </summary>
    public bool Retryable { get; init; } = true;

    public static DeliveryOutcome Sent { get; } = new() { Result = DeliveryResult.Sent };

    public static DeliveryOutcome Failed(string error, TimeSpan? retryAfter = null) => new() { Result = DeliveryResult.Failed, Error = error, RetryAfter = retryAfter };

    /// <summary>Not delivered, and not worth retrying: the receiver refused this message itself.</summary>
    public static DeliveryOutcome Rejected(string error) => new() { Result = DeliveryResult.Failed, Error = error, Retryable = false };

    public static DeliveryOutcome Gone(string error) => new() { Result = DeliveryResult.Gone, Error = error };
}
