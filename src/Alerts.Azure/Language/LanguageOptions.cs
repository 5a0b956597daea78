using System.ComponentModel.DataAnnotations;
using Alerts.Configuration;
using Alerts.Language.Rest;

namespace Alerts.Language;

/// <summary>
/// Azure AI Language named entity recognition. Settings: <c>Alerts__Language__*</c>.
/// Without an endpoint the embedded extractor is used.
/// </summary>
public sealed class LanguageOptions
{
    public const string SectionName = "Alerts:Language";

    /// <summary>The resource endpoint, e.g. <c>https://my-language.cognitiveservices.azure.com/</c>. Empty: use the embedded extractor.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A resource key. Empty: authenticate with Entra ID (managed identity in Azure, <c>DefaultAzureCredential</c>).</summary>
    [NotDeployed("Azure uses managed identity; the Language resource has local auth disabled.")]
    public string? Key { get; set; }

    /// <summary>
    /// The analyze-text <c>api-version</c>: <c>2024-11-01</c> (entities with <c>type</c> and <c>tags</c>) by default, or
    /// <c>2023-04-01</c> (<c>category</c> and <c>subcategory</c>). Both are read into the same categories.
    /// </summary>
    [Required]
    public string ApiVersion { get; set; } = LanguageClientOptions.VersionName(LanguageClientOptions.LatestVersion);

    /// <summary>The model version to ask for; <c>latest</c> by default.</summary>
    [Required]
    public string ModelVersion { get; set; } = "latest";

    /// <summary>
    /// Ask the service not to keep article text for its troubleshooting (<c>loggingOptOut</c>). On by default:
    /// a news desk's unpublished copy should not sit in a service's logs.
    /// </summary>
    public bool LoggingOptOut { get; set; } = true;
}
