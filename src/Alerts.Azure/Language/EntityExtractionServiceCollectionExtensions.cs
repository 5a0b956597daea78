using Alerts.Analysis;
using Alerts.Entities;
using Alerts.Health;
using Alerts.Language.Rest;
using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

public static class EntityExtractionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEntityExtractor"/> from the <c>Alerts:Language</c> settings, validated at start:
    /// without an endpoint, <typeparamref name="TEmbedded"/>; with one, Azure AI Language
    /// (<see cref="AzureLanguageEntityExtractor"/>) with <typeparamref name="TEmbedded"/> as the fallback when the
    /// service fails. The client authenticates with the key when one is set, otherwise with a
    /// <see cref="TokenCredential"/> from the container or <see cref="DefaultAzureCredential"/> (managed identity in Azure).
    /// </summary>
    /// <param name="services">The container to register in.</param>
    /// <param name="configuration">The app's settings, read under <c>Alerts:Language</c>.</param>
    /// <param name="configureClient">Adjusts the client options (retries, transport); for tests and tuning.</param>
    public static IServiceCollection AddEntityExtraction<TEmbedded>(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<LanguageClientOptions>? configureClient = null)
        where TEmbedded : class, IEntityExtractor
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LanguageOptions>()
            .Bind(configuration.GetSection(LanguageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LanguageOptions>, LanguageOptionsValidator>());
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.SectionName));
        services.AddMetrics();

        services.TryAddSingleton<TEmbedded>();
        services.TryAddSingleton<LanguageMetrics>();
        services.TryAddSingleton<LanguageHealth>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyProbe, LanguageProbe>());
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LanguageOptions>>().Value;
            var endpoint = options.Endpoint ?? throw new InvalidOperationException(
                $"{LanguageOptions.SectionName}:{nameof(LanguageOptions.Endpoint)} is not set; Azure AI Language is not configured.");
            // The validator has checked the version at start.
            _ = LanguageClientOptions.TryParseVersion(options.ApiVersion, out var version);
            var clientOptions = new LanguageClientOptions(version);
            configureClient?.Invoke(clientOptions);
            // A blank key, as in the copied sample settings, means Entra ID, like no key at all.
            return string.IsNullOrWhiteSpace(options.Key)
                ? new LanguageClient(endpoint, provider.GetService<TokenCredential>() ?? new DefaultAzureCredential(), clientOptions)
                : new LanguageClient(endpoint, new AzureKeyCredential(options.Key), clientOptions);
        });
        services.TryAddSingleton<AzureLanguageEntityExtractor>();
        services.TryAddSingleton<IEntityExtractor>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LanguageOptions>>().Value;
            if (options.Endpoint is null)
            {
                return provider.GetRequiredService<TEmbedded>();
            }
            return new FallbackEntityExtractor(
                provider.GetRequiredService<AzureLanguageEntityExtractor>(),
                provider.GetRequiredService<TEmbedded>(),
                provider.GetRequiredService<ILogger<FallbackEntityExtractor>>(),
                provider.GetRequiredService<LanguageMetrics>(),
                provider.GetRequiredService<LanguageHealth>(),
                options.Endpoint);
        });
        return services;
    }
}
