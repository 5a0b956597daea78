namespace Alerts.Subscriptions;

/// <summary>
/// Other writers kept changing a subscription while an update was being applied, so the update was not written.
/// Nothing was changed; the caller may send the request again.
/// </summary>
public sealed class SubscriptionConflictException : Exception
{
    public SubscriptionConflictException()
        : base("The subscription kept changing under this update.")
    {
    }

    public SubscriptionConflictException(string message)
        : base(message)
    {
    }

    public SubscriptionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
