namespace Alerts.Channels.Chat;

/// <summary>What a chat platform's answer means for delivery.</summary>
public enum ChatAnswerKind
{
    /// <summary>2xx: the message is in the channel.</summary>
    Delivered,

    /// <summary>The webhook, its channel or its workspace is gone or shut off: the subscription is paused.</summary>
    Gone,

    /// <summary>The platform refused this message as malformed: sending it again cannot help.</summary>
    Rejected,

    /// <summary>Rate limits, server errors, no answer, anything else: retried on the delivery schedule.</summary>
    Retry,
}
