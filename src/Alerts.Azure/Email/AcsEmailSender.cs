using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alerts.Delivery;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Email;

/// <summary>
/// Sends through Azure Communication Services Email's REST API (<c>POST {endpoint}/emails:send</c>) with an Entra
/// token (the app's managed identity), on an Azure.Core pipeline: bearer token, retries that honour
/// <c>Retry-After</c>, and an <c>Operation-Id</c> derived from the message so a retried request is not sent twice.
/// A throttle (429) asking for a longer wait than <see cref="AcsRetryPolicy.MaxWaitInProcess"/> is handed back to the
/// delivery ledger with its wait, which retries no earlier.
/// </summary>
public sealed partial class AcsEmailSender : IEmailSender
{
    public const string Scope = "https://communication.azure.com/.default";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpPipeline _pipeline;
    private readonly IOptions<EmailOptions> _options;
    private readonly ILogger<AcsEmailSender> _logger;

    public AcsEmailSender(IOptions<EmailOptions> options, TokenCredential credential, AcsEmailClientOptions clientOptions, ILogger<AcsEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _options = options;
        _logger = logger;
        clientOptions ??= new AcsEmailClientOptions();
        clientOptions.RetryPolicy ??= new AcsRetryPolicy(clientOptions.Retry.MaxRetries);
        _pipeline = HttpPipelineBuilder.Build(clientOptions, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    public async Task<DeliveryOutcome> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = _options.Value;
        if (settings.AcsEndpoint is not { } endpoint)
        {
            return DeliveryOutcome.Failed("Alerts:Email:AcsEndpoint is not set.");
        }

        using var http = _pipeline.CreateMessage();
        var request = http.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(endpoint);
        request.Uri.AppendPath("/emails:send", escape: false);
        request.Uri.AppendQuery("api-version", AcsEmailClientOptions.ApiVersion);
        request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        request.Headers.Add("Operation-Id", OperationId(message).ToString());
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(Body(message, settings), Json));

        try
        {
            await _pipeline.SendAsync(http, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            return Failed(message, $"ACS Email request failed: {ex.Message}");
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            return Failed(message, $"ACS Email: no token for the managed identity: {ex.Message}");
        }

        var response = http.Response;
        if (response.Status == 202)
        {
            return DeliveryOutcome.Sent;
        }
        return Failed(message, $"ACS Email HTTP {response.Status}: {ErrorCode(response)}", RetryAfter.Of(response, DateTimeOffset.UtcNow));
    }

    private static object Body(EmailMessage message, EmailOptions settings) => new
    {
        senderAddress = settings.Sender,
        content = new { subject = message.Subject, plainText = message.TextBody, html = message.HtmlBody },
        recipients = new { to = new[] { new { address = message.To } } },
        headers = message.Headers,
        userEngagementTrackingDisabled = true,
    };

    /// <summary>The same message always gets the same operation id, so the service treats a resend as the same request.</summary>
    private static Guid OperationId(EmailMessage message)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId + "|" + message.To));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // a name-based UUID (version 5 layout)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string ErrorCode(Response response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var text = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return $"{code} {text}".Trim();
            }
        }
        catch (JsonException)
        {
        }
        return response.ReasonPhrase;
    }

    private DeliveryOutcome Failed(EmailMessage message, string error, TimeSpan? retryAfter = null)
    {
        LogFailed(_logger, message.MessageId, error);
        return DeliveryOutcome.Failed(error, retryAfter);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} not sent through ACS: {Error}")]
    private static partial void LogFailed(ILogger logger, string messageId, string error);
}
