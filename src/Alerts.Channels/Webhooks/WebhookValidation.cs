using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Analysis;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// The handshake a webhook passes before it gets alerts (like Event Grid's): a signed POST of
/// <c>{"type": "subscription.validation", "validationCode": …, "subscriptionId": …}</c>, answered with 2xx and
/// <c>{"validationResponse": "&lt;the code&gt;"}</c>.
/// </summary>
public sealed record WebhookValidation
{
    public const string ValidationType = "subscription.validation";

    public string Type { get; init; } = ValidationType;

    public required string ValidationCode { get; init; }

    public required string SubscriptionId { get; init; }

    public static WebhookValidation For(string subscriptionId) => new()
    {
        ValidationCode = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)),
        SubscriptionId = subscriptionId,
    };

    /// <summary>The <c>webhook-id</c> of the handshake message.</summary>
    public string MessageId => "wv_" + SubscriptionId;

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, AlertsJson.Options);

    /// <summary>True when <paramref name="responseBody"/> is a JSON object whose <c>validationResponse</c> is this code.</summary>
    public bool IsEchoedBy(string? responseBody)
    {
        if (string.IsNullOrWhiteSpace(responseBody))
        {
            return false;
        }
        try
        {
            var echo = JsonSerializer.Deserialize<Echo>(responseBody, AlertsJson.Options);
            return echo?.ValidationResponse is { } code && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(ValidationCode));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record Echo([property: JsonPropertyName("validationResponse")] string? ValidationResponse);
}
