using Alerts.Language.Rest;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

/// <summary>Checks <see cref="LanguageOptions"/> beyond its data annotations: the endpoint must be usable.</summary>
public sealed class LanguageOptionsValidator : IValidateOptions<LanguageOptions>
{
    public ValidateOptionsResult Validate(string? name, LanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Endpoint is { } endpoint && !LanguageClient.IsAllowedEndpoint(endpoint))
        {
            failures.Add($"{LanguageOptions.SectionName}:{nameof(LanguageOptions.Endpoint)} must be an absolute https URI without a query (http only for loopback), e.g. https://my-language.cognitiveservices.azure.com/; got '{endpoint}'.");
        }
        if (!LanguageClientOptions.TryParseVersion(options.ApiVersion, out _))
        {
            failures.Add($"{LanguageOptions.SectionName}:{nameof(LanguageOptions.ApiVersion)} must be one of {string.Join(", ", LanguageClientOptions.SupportedVersions)}; got '{options.ApiVersion}'.");
        }
        if (string.IsNullOrWhiteSpace(options.ModelVersion))
        {
            failures.Add($"{LanguageOptions.SectionName}:{nameof(LanguageOptions.ModelVersion)} is required (e.g. latest).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
