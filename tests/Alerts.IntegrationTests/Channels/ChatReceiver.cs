using System.Collections.Concurrent;
using System.Text;
using Alerts.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests.Channels;

/// <summary>
/// A Teams or Slack incoming webhook played on 127.0.0.1: it checks every payload against the platform's rules
/// (<see cref="ChatSchemas"/>), refuses a broken one with 400 as the platform would, and answers as the platform does
/// (Teams Workflows 202, Slack 200 "ok") unless scripted to answer otherwise, with the platform's error body if given
/// (Slack's plain-text code such as <c>no_service</c>, Teams' <c>{"error":{"code":…}}</c>).
/// </summary>
internal sealed class ChatReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string? Body)> _script = new();

    private ChatReceiver(WebApplication app, Uri url, bool teams)
    {
        _app = app;
        Url = url;
        IsTeams = teams;
    }

    public bool IsTeams { get; }

    /// <summary>A URL shaped like the platform's, with its secret path and query.</summary>
    public Uri Url { get; }

    /// <summary>Every request, accepted or not.</summary>
    public ConcurrentQueue<ReceivedChat> Received { get; } = new();

    /// <summary>The messages the platform would have posted to the channel.</summary>
    public IEnumerable<ReceivedChat> Posted => Received.Where(r => r.Status is >= 200 and < 300);

    /// <summary>Answer every request with this status (a receiver that is down for good), when set.</summary>
    public int? Always { get; set; }

    /// <summary>The body of the <see cref="Always"/> answer, when set.</summary>
    public string? AlwaysBody { get; set; }

    public static Task<ChatReceiver> TeamsAsync() => StartAsync(teams: true);

    public static Task<ChatReceiver> SlackAsync() => StartAsync(teams: false);

    private static async Task<ChatReceiver> StartAsync(bool teams)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        ChatReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var secret = Guid.NewGuid().ToString("N");
        var path = teams
            ? $"/workflows/{secret[..12]}/triggers/manual/paths/invoke?api-version=2016-06-01&sig={secret}"
            : $"/services/T0001/B0001/{secret}";
        receiver = new ChatReceiver(app, new Uri(address + path), teams);
        return receiver;
    }

    public void Then(int status, string? retryAfter = null, string? body = null) => _script.Enqueue((status, retryAfter, body));

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        List<string> problems;
        try
        {
            problems = IsTeams ? ChatSchemas.Teams(body) : ChatSchemas.Slack(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            problems = ["not JSON: " + ex.Message];
        }
        var (status, retryAfter, answer) = problems.Count > 0 ? (400, null, null)
            : Always is { } always ? (always, null, AlwaysBody)
            : _script.TryDequeue(out var next) ? next
            : (IsTeams ? 202 : 200, null, null);
        Received.Enqueue(new ReceivedChat(body, problems, status, context.Request.ContentType ?? "",
            context.Request.Headers.Keys.Where(k => k.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase)).ToList()));
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        if (answer is not null)
        {
            context.Response.ContentType = answer.StartsWith('{') ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
            await context.Response.WriteAsync(answer);
        }
        else if (status == 200 && !IsTeams)
        {
            await context.Response.WriteAsync("ok");
        }
        else if (status == 400)
        {
            await context.Response.WriteAsync(IsTeams ? "{\"error\":{\"code\":\"InvalidRequestContent\"}}" : "invalid_blocks");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request to a <see cref="ChatReceiver"/>: its body, the platform rules it broke, and the answer.</summary>
internal sealed record ReceivedChat(string Body, IReadOnlyList<string> Problems, int Status, string ContentType, IReadOnlyList<string> WebhookHeaders);
