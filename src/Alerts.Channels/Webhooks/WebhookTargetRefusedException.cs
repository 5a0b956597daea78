namespace Alerts.Channels.Webhooks;

/// <summary>Thrown from the webhook client's connect callback when the SSRF guard refuses the target.</summary>
public sealed class WebhookTargetRefusedException : IOException
{
    public WebhookTargetRefusedException()
    {
    }

    public WebhookTargetRefusedException(string message)
        : base(message)
    {
    }

    public WebhookTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
