namespace Alerts.Hosting;

/// <summary>
/// A queue message the pipeline cannot act on. The trigger fails with it, so the queue engine retries the message and
/// then moves it to <c>&lt;queue&gt;-poison</c>, where it stays for someone to look at. The message says which message
/// and why, never what it contained: queue bodies can carry anything.
/// </summary>
public sealed class MalformedMessageException : Exception
{
    public MalformedMessageException(string queue, string messageId, string reason)
        : base($"Message {messageId} on {queue} is malformed: {reason}. It is retried, then moved to {queue}-poison.")
    {
        Queue = queue;
        MessageId = messageId;
        Reason = reason;
    }

    public MalformedMessageException()
    {
        Queue = MessageId = Reason = "";
    }

    public MalformedMessageException(string message)
        : base(message)
    {
        Queue = MessageId = Reason = "";
    }

    public MalformedMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Queue = MessageId = Reason = "";
    }

    public string Queue { get; }

    public string MessageId { get; }

    public string Reason { get; }
}
