using Alerts.Analysis;
using Alerts.Api;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Feeds;
using Alerts.Subscriptions;
using Alerts.Rules;
using Alerts.Stories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts;

/// <summary>
/// Registers the pipeline's logic. The adapters it runs over (stores, notifier, entity extractor, channels) come
/// from Alerts.Azure and Alerts.Channels, whose entry points the hosts call.
/// </summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>Parsing and rule matching: the analyser and the rule catalogue, over an <see cref="Entities.IEntityExtractor"/> registered elsewhere.</summary>
    public static IServiceCollection AddAlertsRuleMatching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.SectionName)).ValidateOnStart();
        services.AddOptions<StoryOptions>().Bind(configuration.GetSection(StoryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RuleCatalog>();
        services.TryAddSingleton<ArticleAnalyzer>();
        return services;
    }

    /// <summary>The upload processor and subscribers' queries as rules, over the stores registered elsewhere.</summary>
    public static IServiceCollection AddAlertsProcessing(this IServiceCollection services)
    {
        services.TryAddSingleton<ArticleProcessor>();
        services.TryAddSingleton<StoryFolder>();
        services.TryAddSingleton<StoryIndexPruning>();
        // Subscribers' own queries are rules too: the catalogue polls them.
        services.TryAddSingleton<QueryRuleIds>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRuleSource, SubscriptionQueryRules>());
        return services;
    }

    /// <summary>Subscriptions, digests and their delivery: the API's handlers (subscriptions and results), the digest run and immediate alerts.</summary>
    public static IServiceCollection AddAlertsDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImmediateOptions>().Bind(configuration.GetSection(ImmediateOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SubscriptionTokens>();
        services.TryAddSingleton<ISubscriptionLinks, SubscriptionLinks>();
        services.TryAddSingleton<SubscriptionService>();
        services.TryAddSingleton<SubscriptionApi>();
        services.TryAddSingleton<ResultsApi>();
        services.TryAddSingleton<FeedLinks>();
        services.TryAddSingleton<FeedApi>();
        services.TryAddSingleton<QueryRuleIds>();
        services.TryAddSingleton<DigestBuilder>();
        services.TryAddSingleton<SubscriptionIndexing>();
        services.TryAddSingleton<DeliveryService>();
        return services;
    }
}
