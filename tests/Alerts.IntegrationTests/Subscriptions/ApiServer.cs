using System.Globalization;
using Alerts.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// The subscription HTTP API as <c>alerts run</c> serves it (the local host's routes and the shared handlers, on
/// Kestrel at 127.0.0.1), against the shared Azurite, without the triggers: they would pick up other tests' blobs.
/// Two servers on one Azurite are two instances of the app.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiServer> StartAsync(AzuriteFixture azurite, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var values = new Dictionary<string, string?>(settings) { ["AlertsStorage"] = azurite.ConnectionString };
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services
            .AddAlertsAnalysis(builder.Configuration)
            .AddAlertsStorage(builder.Configuration)
            .AddAlertsDelivery(builder.Configuration)
            .AddAlertsChannels(builder.Configuration)
            .AddRouting();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        LocalApi.Map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new ApiServer(app, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
