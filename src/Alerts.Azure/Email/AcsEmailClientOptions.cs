using Azure.Core;

namespace Alerts.Channels.Email;

/// <summary>Azure.Core pipeline options (retry, transport, diagnostics) for <see cref="AcsEmailSender"/>.</summary>
public sealed class AcsEmailClientOptions : ClientOptions
{
    public const string ApiVersion = "2023-03-31";
}
