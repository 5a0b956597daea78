using System.Text.Json.Serialization;

namespace Alerts.Channels.Email;

/// <summary>How emails leave the app.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EmailProvider>))]
public enum EmailProvider
{
    /// <summary>Any SMTP relay through MailKit: a local mail catcher, SendGrid, Azure Communication Services SMTP.</summary>
    Smtp,

    /// <summary>Azure Communication Services Email over its REST API, authenticated with the app's managed identity.</summary>
    Acs,
}
