using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// Posts signed messages to webhook receivers through the named client <see cref="HttpClientName"/>, whose handler
/// connects only to addresses the <see cref="WebhookTargetGuard"/> checked and never follows redirects.
/// </summary>
public sealed partial class WebhookClient(
    IHttpClientFactory clients,
    WebhookTargetGuard guard,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookClient> logger)
{
    public const string HttpClientName = "Alerts.Webhooks";
    public const string TraceParentHeader = "traceparent";
    private const int MaxResponseChars = 64 * 1024;

    /// <summary>
    /// POSTs <paramref name="body"/> (JSON) to <paramref name="target"/>, signed with <paramref name="secret"/>; unsigned
    /// and without the Standard Webhooks headers when <paramref name="secret"/> is null (Teams and Slack incoming webhooks).
    /// </summary>
    public async Task<WebhookResponse> PostAsync(string target, string? secret, string messageId, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            return Failed(messageId, "Refused target: not an absolute URL.");
        }
        if (guard.CheckUri(uri) is { } uriError)
        {
            return Failed(messageId, "Refused target: " + uriError);
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, messageId);
            request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, messageId, timestamp, body));
        }
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Alerts-Webhooks", "1.0"));
        // The delivery's trace context (W3C), so a receiver that traces can join the article's trace. Set here, not
        // left to the HTTP stack, so it is the delivery span whether or not HTTP spans are recorded.
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
        {
            request.Headers.TryAddWithoutValidation(TraceParentHeader, traceParent);
        }

        var timeout = options.Value.Timeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            var text = await ReadStartAsync(response.Content, timeoutSource.Token).ConfigureAwait(false);
            return new WebhookResponse
            {
                StatusCode = (int)response.StatusCode,
                Body = text,
                RetryAfter = RetryAfter(response.Headers.RetryAfter),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(messageId, $"No answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            return Failed(messageId, "Refused target: " + refusal.Message);
        }
        catch (HttpRequestException ex)
        {
            return Failed(messageId, $"Connection failed: {ex.HttpRequestError} ({ex.Message})");
        }
    }

    private WebhookResponse Failed(string messageId, string error)
    {
        LogNoResponse(logger, messageId, error);
        return new WebhookResponse { Error = error };
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static WebhookTargetRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[MaxResponseChars];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }
            return new string(buffer, 0, read);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook message {MessageId} got no response: {Error}")]
    private static partial void LogNoResponse(ILogger logger, string messageId, string error);
}
