using Alerts.Health;
using Alerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts;

public static class AlertsHostingServiceCollectionExtensions
{
    /// <summary>The host adapter both hosts declare their triggers over, on top of the pipeline's registrations.</summary>
    public static IServiceCollection AddAlertsHosting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ApiEndpoints>();
        services.TryAddSingleton<AppHealth>();
        services.TryAddSingleton<ArticleUploadHandler>();
        services.TryAddSingleton<DigestTimerHandler>();
        services.TryAddSingleton<DigestBatchHandler>();
        services.TryAddSingleton<StoryPruneTimerHandler>();
        services.TryAddSingleton<ImmediateQueueHandler>();
        services.TryAddSingleton<ImmediateBatchHandler>();
        return services;
    }
}
