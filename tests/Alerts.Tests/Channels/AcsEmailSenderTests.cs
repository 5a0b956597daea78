using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Alerts.Channels.Email;
using Alerts.Delivery;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Channels;

/// <summary>The ACS Email sender against a Kestrel stand-in (HTTPS on 127.0.0.1) that checks what the service checks.</summary>
public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<JsonElement> _bodies = new();
    private readonly ConcurrentQueue<string> _operationIds = new();
    private readonly X509Certificate2 _certificate = LoopbackCertificate.Create();
    private string? _retryAfter;
    private WebApplication? _app;
    private Uri? _endpoint;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = _certificate));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        _endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _app!.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Method != "POST" || request.Path != "/emails:send")
        {
            _problems.Enqueue($"{request.Method} {request.Path}");
        }
        if (request.Query["api-version"] != "2023-03-31")
        {
            _problems.Enqueue("api-version " + request.Query["api-version"]);
        }
        if (request.Headers.Authorization != "Bearer test-token")
        {
            _problems.Enqueue("authorization " + request.Headers.Authorization);
        }
        _operationIds.Enqueue(request.Headers["Operation-Id"].ToString());
        if (!Guid.TryParse(request.Headers["Operation-Id"], out _))
        {
            _problems.Enqueue("operation-id " + request.Headers["Operation-Id"]);
        }
        _bodies.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
        var (status, body) = _script.TryDequeue(out var next) ? next : (202, """{"id":"op-1","status":"Running"}""");
        context.Response.StatusCode = status;
        if (status == 429 && _retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = _retryAfter;
        }
        if (status == 202)
        {
            context.Response.Headers["Operation-Location"] = $"{_endpoint}emails/operations/op-1?api-version=2023-03-31";
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private AcsEmailSender Sender(int retries = 0)
    {
        var options = new AcsEmailClientOptions();
        options.Retry.MaxRetries = retries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var thumbprint = _certificate.Thumbprint;
#pragma warning disable CA2000 // The transport owns the handler.
        options.Transport = new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        });
#pragma warning restore CA2000
        var settings = Options.Create(new EmailOptions { Provider = EmailProvider.Acs, Sender = "DoNotReply@alerts.example.org", AcsEndpoint = _endpoint });
        return new AcsEmailSender(settings, new FakeCredential(), options, NullLogger<AcsEmailSender>.Instance);
    }

    private static EmailMessage Message() => new()
    {
        To = "analyst@example.org",
        Subject = "Alerts: Emergency declared",
        TextBody = "text part",
        HtmlBody = "<p>html part</p>",
        MessageId = "dg_0123",
        Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://alerts.test/api/unsubscribe?token=t>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
    };

    [Fact]
    public async Task Sends_the_documented_request_with_a_bearer_token_and_takes_202_as_sent()
    {
        var outcome = await Sender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent, outcome.Result);
        Assert.Empty(_problems);
        var body = Assert.Single(_bodies);
        Assert.Equal("DoNotReply@alerts.example.org", body.GetProperty("senderAddress").GetString());
        Assert.Equal("Alerts: Emergency declared", body.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("text part", body.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal("<p>html part</p>", body.GetProperty("content").GetProperty("html").GetString());
        Assert.Equal("analyst@example.org", body.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", body.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString());
    }

    [Fact]
    public async Task The_same_message_always_has_the_same_operation_id_so_a_resend_is_not_a_second_email()
    {
        var sender = Sender();
        await sender.SendAsync(Message(), CancellationToken.None);
        await sender.SendAsync(Message(), CancellationToken.None);
        await sender.SendAsync(Message() with { MessageId = "dg_4567" }, CancellationToken.None);

        Assert.Empty(_problems);
        var ids = _operationIds.ToArray();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task A_refusal_is_a_failure_with_the_services_error_code()
    {
        _script.Enqueue((400, """{"error":{"code":"InvalidSenderDomain","message":"The sender domain is not linked."}}"""));

        var outcome = await Sender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        Assert.Equal("ACS Email HTTP 400: InvalidSenderDomain The sender domain is not linked.", outcome.Error);
    }

    [Fact]
    public async Task A_throttle_asking_for_a_long_wait_is_handed_back_with_that_wait_instead_of_held_in_process()
    {
        _retryAfter = "120";
        _script.Enqueue((429, """{"error":{"code":"TooManyRequests","message":"Slow down."}}"""));

        var started = DateTimeOffset.UtcNow;
        var outcome = await Sender(retries: 3).SendAsync(Message(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
        Assert.Single(_bodies); // asked once: the ledger waits the two minutes, not this request
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_short_throttle_is_waited_out_and_the_email_sent_with_the_same_operation_id()
    {
        _retryAfter = "1";
        _script.Enqueue((429, """{"error":{"code":"TooManyRequests","message":"Slow down."}}"""));

        var started = DateTimeOffset.UtcNow;
        var outcome = await Sender(retries: 3).SendAsync(Message(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent, outcome.Result);
        Assert.Equal(2, _operationIds.Count);
        Assert.Single(_operationIds.Distinct());
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry came before Retry-After");
    }

    [Fact]
    public async Task A_throttle_with_an_http_date_is_handed_back_with_the_wait_until_then()
    {
        _retryAfter = DateTimeOffset.UtcNow.AddMinutes(10).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        _script.Enqueue((429, """{"error":{"code":"TooManyRequests","message":"Slow down."}}"""));

        var outcome = await Sender(retries: 3).SendAsync(Message(), CancellationToken.None);

        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        Assert.InRange(outcome.RetryAfter!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    private sealed class FakeCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            requestContext.Scopes.SequenceEqual([AcsEmailSender.Scope])
                ? new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1))
                : throw new InvalidOperationException("Unexpected scope " + string.Join(' ', requestContext.Scopes));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
