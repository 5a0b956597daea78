using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Alerts.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests.Channels;

/// <summary>
/// A real webhook receiver: Kestrel on 127.0.0.1, verifying every signature with <see cref="WebhookSignature"/> as a
/// subscriber would. It answers handshakes (echoing the code, or not) and can be scripted to fail, hang or redirect.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The hook's URL (http on loopback: the tests allow both, as the local host does).</summary>
    public Uri Url { get; }

    /// <summary>The signing secret, once known (the handshake is how the receiver learns of it).</summary>
    public string? Secret { get; set; }

    /// <summary>Signing secrets of hooks on their own paths (several subscribers on one receiver); others use <see cref="Secret"/>.</summary>
    public ConcurrentDictionary<string, string> SecretsByPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Answer handshakes with the code (true) or with an empty 200 (false).</summary>
    public bool EchoValidation { get; set; } = true;

    /// <summary>The clock the receiver checks timestamps against (the pipeline's clock in tests).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>How long every delivery (not a handshake) is held before it is answered: a slow subscriber.</summary>
    public TimeSpan Latency { get; set; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public IEnumerable<ReceivedWebhook> Digests => Received.Where(r => r.Type == WebhookPayload.DigestType);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address + "/hooks/alerts"));
        return receiver;
    }

    /// <summary>Answer the next delivery with <paramref name="status"/>, and with the receiver's own reason phrase if given.</summary>
    public void Then(int status, string? retryAfter = null, string? reasonPhrase = null) => _script.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        if (reasonPhrase is not null)
        {
            context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reasonPhrase;
        }
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        return Task.CompletedTask;
    });

    public void ThenRedirect(string location) => _script.Enqueue(context =>
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    /// <summary>Do something as the delivery arrives (kill the sender, stop its storage), then answer.</summary>
    public void ThenRun(Func<Task> action, int status = StatusCodes.Status204NoContent) => _script.Enqueue(async context =>
    {
        await action();
        context.Response.StatusCode = status;
    });

    /// <summary>Hold the request until the sender gives up.</summary>
    public void ThenHang() => _script.Enqueue(context => Task.Delay(Timeout.Infinite, context.RequestAborted));

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var id = headers[WebhookSignature.IdHeader].ToString();
        var timestamp = headers[WebhookSignature.TimestampHeader].ToString();
        var signature = headers[WebhookSignature.SignatureHeader].ToString();
        using var json = JsonDocument.Parse(body);
        var type = json.RootElement.GetProperty("type").GetString();
        var secret = SecretsByPath.TryGetValue(context.Request.Path, out var own) ? own : Secret;
        bool? verified = secret is null ? null : WebhookSignature.Verify(secret, id, timestamp, body, signature, WebhookSignature.DefaultTolerance, Now());
        var received = new ReceivedWebhook(context.Request.Path, id, timestamp, signature, type, body, verified)
        {
            TraceParents = [.. headers["traceparent"].Select(v => v ?? "")],
        };
        Received.Enqueue(received);

        if (type == WebhookValidation.ValidationType)
        {
            if (EchoValidation)
            {
                await context.Response.WriteAsJsonAsync(new { validationResponse = json.RootElement.GetProperty("validationCode").GetString() });
            }
            return;
        }
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }
        if (_script.TryDequeue(out var next))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = verified == false ? StatusCodes.Status401Unauthorized : StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string? Type, string Body, bool? Verified)
{
    /// <summary>The <c>traceparent</c> header's values as received (one, when the sender traces).</summary>
    public IReadOnlyList<string> TraceParents { get; init; } = [];

    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);
}
