using System.Globalization;
using Alerts.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// The subscription HTTP API as <c>alerts run</c> serves it (<see cref="LocalHostBuilder.BuildApi"/>: the shared route
/// table and handlers on Kestrel at 127.0.0.1), against the shared Azurite, without the triggers: they would pick up
/// other tests' blobs. Two servers on one Azurite are two instances of the app.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly IHost _host;

    private ApiServer(IHost host, Uri address)
    {
        _host = host;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<ApiServer> StartAsync(AzuriteFixture azurite, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}");
        var values = new Dictionary<string, string?>(settings) { ["AlertsStorage"] = azurite.ConnectionString };
        var host = LocalHostBuilder.BuildApi(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new LocalHostOptions { ApiUrl = address }, configure);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ApiServer(host, address);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
