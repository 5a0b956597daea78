using System.ComponentModel.DataAnnotations;

namespace Alerts.Subscriptions;

/// <summary>Subscription links and limits. Settings: <c>Alerts__Subscriptions__*</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Alerts:Subscriptions";

    /// <summary>The app's public address, used in confirmation and unsubscribe links (the function app's URL in Azure).</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary>How long a confirmation link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Upper bound on a subscriber's own queries.</summary>
    [Range(0, 100)]
    public int MaxQueries { get; set; } = 20;

    /// <summary>
    /// One confirmation email per address in this time: a repeated subscribe for an address whose confirmation is
    /// still waiting sends nothing until it has passed; then the subscribe, or a resend, sends a new one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ConfirmationResendInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Confirmation emails one API client may cause per <see cref="ConfirmationClientWindow"/>.</summary>
    [Range(1, 10_000)]
    public int ConfirmationsPerClient { get; set; } = 30;

    /// <summary>The window of <see cref="ConfirmationsPerClient"/> (fixed, back-to-back windows).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ConfirmationClientWindow { get; set; } = TimeSpan.FromHours(1);
}
