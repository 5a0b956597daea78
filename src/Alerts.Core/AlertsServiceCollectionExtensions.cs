using Alerts.Analysis;
using Alerts.Api;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Entities;
using Alerts.Language;
using Alerts.Subscriptions;
using Alerts.Rules;
using Alerts.Storage;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts;

/// <summary>Registers the pipeline's services; the function app, the local host and the CLI all start here.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>Parsing, entity extraction and rule matching: everything <c>alerts analyze</c> needs, no storage.</summary>
    public static IServiceCollection AddAlertsAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.SectionName)).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RuleCatalog>();
        services.AddEntityExtraction<EmbeddedEntityExtractor>(configuration);
        services.TryAddSingleton<ArticleAnalyzer>();
        return services;
    }

    /// <summary>The storage clients for the <c>AlertsStorage</c> connection, the stores, and the upload processor.</summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, sp) => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient(options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, sp) =>
            {
                // The Functions queue trigger reads Base64 by default; the local host is set to match.
                options.MessageEncoding = QueueMessageEncoding.Base64;
                return sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(options);
            });
            clients.AddClient<TableServiceClient, TableClientOptions>((options, sp) => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(options));
        });
        services.TryAddSingleton<IAnalysisStore, AzureAnalysisStore>();
        services.TryAddSingleton<INewMatchesNotifier, QueueNewMatchesNotifier>();
        services.TryAddSingleton<ArticleProcessor>();
        services.TryAddSingleton<ISubscriptionStore, TableSubscriptionStore>();
        services.TryAddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.TryAddSingleton<ITokenKeyProvider, BlobTokenKeyProvider>();
        // Subscribers' own queries are rules too: the catalogue polls them.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRuleSource, SubscriptionQueryRules>());
        return services;
    }

    /// <summary>Subscriptions, digests and their delivery: the API's handlers, the digest run and immediate alerts.</summary>
    public static IServiceCollection AddAlertsDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SubscriptionTokens>();
        services.TryAddSingleton<ISubscriptionLinks, SubscriptionLinks>();
        services.TryAddSingleton<IConfirmationLimits, TableConfirmationLimits>();
        services.TryAddSingleton<SubscriptionService>();
        services.TryAddSingleton<SubscriptionApi>();
        services.TryAddSingleton<DigestBuilder>();
        services.TryAddSingleton<DeliveryService>();
        return services;
    }
}
