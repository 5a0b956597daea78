using Alerts.Analysis;
using Alerts.Channels.Email;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Health;
using Alerts.Language;
using Alerts.Outcomes;
using Alerts.Storage;
using Alerts.Stories;
using Alerts.Subscriptions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts;

/// <summary>Registers the Azure adapters with the logic they serve; the function app, the local host and the CLI all start here.</summary>
public static class AlertsAzureServiceCollectionExtensions
{
    /// <summary>
    /// Parsing, entity extraction (Azure AI Language when configured, else the embedded extractor) and rule matching:
    /// everything <c>alerts analyze</c> needs, no storage.
    /// </summary>
    public static IServiceCollection AddAlertsAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlertsRuleMatching(configuration);
        services.AddEntityExtraction<EmbeddedEntityExtractor>(configuration);
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyProbe, StorageProbe>());
        services.TryAddSingleton<IAnalysisStore, AzureAnalysisStore>();
        services.TryAddSingleton<IResultsReader, AzureResultsReader>();
        services.TryAddSingleton<IStoryIndex, TableStoryIndex>();
        services.TryAddSingleton<INewMatchesNotifier, QueueNewMatchesNotifier>();
        services.TryAddSingleton<IDigestBatchSender, QueueDigestBatchSender>();
        services.TryAddSingleton<IImmediateBatchSender, QueueImmediateBatchSender>();
        // The store keeps the subscription index with it (rows by watched rule, for immediate fan-out).
        services.TryAddSingleton<TableSubscriptionStore>();
        services.TryAddSingleton<ISubscriptionIndex, TableSubscriptionIndex>();
        services.TryAddSingleton<SubscriptionIndexing>();
        services.TryAddSingleton<ISubscriptionStore>(sp => new IndexedSubscriptionStore(sp.GetRequiredService<TableSubscriptionStore>(), sp.GetRequiredService<SubscriptionIndexing>()));
        services.TryAddSingleton<IConfirmationLimits, TableConfirmationLimits>();
        services.TryAddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.TryAddSingleton<ITokenKeyProvider, BlobTokenKeyProvider>();
        services.AddAlertsProcessing();
        return services;
    }

    /// <summary>
    /// Azure Communication Services Email as the sender for <c>Alerts:Email:Provider</c> <c>acs</c>, authenticated
    /// with a <see cref="TokenCredential"/> from the container or <see cref="DefaultAzureCredential"/> (managed identity).
    /// </summary>
    public static IServiceCollection AddAlertsAcsEmail(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton<IEmailSender>(EmailProvider.Acs, (sp, _) => new AcsEmailSender(
            sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetService<TokenCredential>() ?? new DefaultAzureCredential(),
            sp.GetService<AcsEmailClientOptions>() ?? new AcsEmailClientOptions(),
            sp.GetRequiredService<ILogger<AcsEmailSender>>()));
        return services;
    }
}
