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
}
