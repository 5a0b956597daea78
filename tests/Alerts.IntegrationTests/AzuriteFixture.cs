using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests;

/// <summary>
/// The Azurite that <c>./test.sh</c> started (its connection string in <c>ALERTS_TEST_STORAGE</c>), or a local one on
/// the default ports. Tests fail, not skip, when it is not there: they would prove nothing.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public string ConnectionString { get; } = Environment.GetEnvironmentVariable("ALERTS_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";

    public BlobServiceClient Blobs => new(ConnectionString);

    public TableServiceClient Tables => new(ConnectionString);

    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Blobs.GetPropertiesAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            throw new InvalidOperationException("Azurite is not reachable. Run the tests with ./test.sh, which starts it.", ex);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The pipeline's services exactly as the hosts register them, pointed at this Azurite.</summary>
    public ServiceProvider BuildServices(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["AlertsStorage"] = ConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddFilter(level => level >= LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddAlertsAnalysis(configuration)
            .AddAlertsStorage(configuration)
            .AddAlertsDelivery(configuration)
            .AddAlertsChannels(configuration)
            .AddAlertsAcsEmail()
            .AddAlertsHosting();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
