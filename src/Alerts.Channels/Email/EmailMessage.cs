namespace Alerts.Channels.Email;

/// <summary>A rendered email, ready for any <see cref="IEmailSender"/>.</summary>
public sealed record EmailMessage
{
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }

    /// <summary>A stable id (the digest id): resends carry the same <c>Message-ID</c>, so mail clients can drop repeats.</summary>
    public required string MessageId { get; init; }

    /// <summary>Extra headers, e.g. <c>List-Unsubscribe</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
