using Azure.Core;

namespace Alerts.Language.Rest;

/// <summary>
/// Options for <see cref="LanguageClient"/>:
/// the service version plus Azure.Core's retry, transport and diagnostics settings.
/// </summary>
public class LanguageClientOptions : ClientOptions
{
    internal const ServiceVersion LatestVersion = ServiceVersion.V2024_11_01;

    /// <summary>Generally available versions of the analyze-text API (<c>/language/:analyze-text</c>).</summary>
    public enum ServiceVersion
    {
#pragma warning disable CA1707 // Azure SDK convention for service version names.
        V2022_05_01 = 1,
        V2023_04_01 = 2,
        V2024_11_01 = 3,
#pragma warning restore CA1707
    }

    public LanguageClientOptions(ServiceVersion version = LatestVersion)
    {
        Version = VersionName(version);

        // Azure.Core's retry policy retries 408, 429, 500, 502, 503, 504 and transport failures,
        // waiting at least as long as Retry-After / retry-after-ms asks.
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromSeconds(1);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);

        // Never log bodies (article text); headers not in LoggedHeaderNames are logged as REDACTED,
        // which keeps Ocp-Apim-Subscription-Key and Authorization out of the logs.
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.LoggedHeaderNames.Add("apim-request-id");
        Diagnostics.LoggedHeaderNames.Add("x-envoy-upstream-service-time");
    }

    /// <summary>The <c>api-version</c> query value.</summary>
    public string Version { get; }

    /// <summary>The <c>api-version</c> values this client reads, newest first.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } =
        [.. Enum.GetValues<ServiceVersion>().OrderDescending().Select(VersionName)];

    /// <summary>The <c>api-version</c> query value of a service version.</summary>
    public static string VersionName(ServiceVersion version) => version switch
    {
        ServiceVersion.V2022_05_01 => "2022-05-01",
        ServiceVersion.V2023_04_01 => "2023-04-01",
        ServiceVersion.V2024_11_01 => "2024-11-01",
        _ => throw new NotSupportedException($"Service version {version} is not supported."),
    };

    /// <summary>The service version an <c>api-version</c> value names, if this client supports it.</summary>
    public static bool TryParseVersion(string? value, out ServiceVersion version)
    {
        foreach (var candidate in Enum.GetValues<ServiceVersion>())
        {
            if (string.Equals(VersionName(candidate), value?.Trim(), StringComparison.Ordinal))
            {
                version = candidate;
                return true;
            }
        }
        version = default;
        return false;
    }
}
