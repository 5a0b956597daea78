namespace Alerts.Subscriptions;

/// <summary>
/// The limits on confirmation emails, kept in storage so that they hold across requests arriving at the same moment
/// and across app instances: one confirmation waiting per address at a time, and a budget of confirmation emails
/// per client and window.
/// </summary>
public interface IConfirmationLimits
{
    /// <summary>
    /// Reserves <paramref name="address"/>'s one confirmation for <paramref name="subscriptionId"/>. Refused while
    /// another confirmation to that address was sent less than the resend interval ago and its subscription is still
    /// pending (or not yet stored).
    /// </summary>
    Task<ConfirmationClaim> ClaimAddressAsync(string address, string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Gives a granted claim back (its email was not sent), so the address can be asked for again at once.</summary>
    Task ReleaseAsync(ConfirmationClaim claim, CancellationToken cancellationToken);

    /// <summary>Takes one confirmation email from <paramref name="client"/>'s budget: null if taken, else when the budget refills.</summary>
    Task<TimeSpan?> TakeClientBudgetAsync(string client, CancellationToken cancellationToken);
}

/// <summary>
/// The answer to an address claim: granted, or held by <see cref="HeldBy"/> (a subscription id; null when unknown)
/// since <see cref="SentAt"/> until <see cref="Until"/>.
/// </summary>
public sealed record ConfirmationClaim(bool Granted, string Key, string? HeldBy, DateTimeOffset SentAt, DateTimeOffset Until, string? Version);
