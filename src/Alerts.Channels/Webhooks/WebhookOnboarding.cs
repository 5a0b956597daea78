using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// Takes on a webhook: the URL must pass the SSRF guard, then the endpoint must echo a validation code sent in a
/// signed POST. A webhook that does so is active at once, with its own signing secret (returned once, at creation).
/// </summary>
public sealed partial class WebhookOnboarding(WebhookTargetGuard guard, WebhookClient client, TimeProvider time, ILogger<WebhookOnboarding> logger) : IChannelOnboarding
{
    public Channel Channel => Channel.Webhook;

    public Task<string?> ValidateTargetAsync(string target, CancellationToken cancellationToken) => guard.ValidateAsync(target, cancellationToken);

    public async Task<(Subscription? Subscription, string? Error)> PrepareAsync(Subscription draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var secret = WebhookSignature.NewSecret();
        var validation = WebhookValidation.For(draft.Id);
        var response = await client.PostAsync(draft.Target, secret, validation.MessageId, validation.ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            var why = response.Describe();
            LogHandshakeFailed(logger, draft.Id, why);
            return (null, $"The webhook handshake failed: {why}. The endpoint must answer the validation POST with 2xx and {{\"validationResponse\": \"<validationCode>\"}}.");
        }
        if (!validation.IsEchoedBy(response.Body))
        {
            LogHandshakeFailed(logger, draft.Id, "validation code not echoed");
            return (null, "The webhook handshake failed: the response did not echo the validation code as {\"validationResponse\": \"<validationCode>\"}.");
        }
        return (draft with { SigningSecret = secret, Status = SubscriptionStatus.Active, ConfirmedAt = time.GetUtcNow() }, null);
    }

    public Task<string?> CompleteAsync(Subscription stored, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook handshake for subscription {SubscriptionId} failed: {Reason}")]
    private static partial void LogHandshakeFailed(ILogger logger, string subscriptionId, string reason);
}
