using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.LoadTest;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, a free port): answers 200 and records when each article id (the 64-hex
/// SHA-256 the pipeline gives a story) first arrives, whatever the payload's exact shape.
/// </summary>
internal sealed partial class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, DateTimeOffset> FirstSeen { get; } = new(StringComparer.Ordinal);

    public int Requests => _requests;

    /// <summary>Requests per hook path (<c>/hook/{id}</c>): one subscriber each, so a count above 1 is a repeat.</summary>
    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    /// <summary>When each hook path's first request was answered: one subscriber each.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> HookFirstSeen { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct TCP connections the requests came on: kept connections show as few.</summary>
    public int Connections => _connections.Count;

    private readonly ConcurrentDictionary<string, byte> _connections = new(StringComparer.Ordinal);

    private int _requests;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{id}", async (HttpRequest request, string id) =>
        {
            receiver.Hits.AddOrUpdate(id, 1, (_, n) => n + 1);
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            Interlocked.Increment(ref receiver._requests);
            receiver.HookFirstSeen.TryAdd(id, now);
            receiver._connections.TryAdd(request.HttpContext.Connection.Id, 0);
            foreach (Match match in ArticleId().Matches(body))
            {
                receiver.FirstSeen.TryAdd(match.Value, now);
            }
            return Results.Ok();
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex("\\b[0-9a-f]{64}\\b", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleId();
}
