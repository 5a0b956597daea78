using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Alerts.Telemetry;

/// <summary>
/// Where telemetry goes, from the settings the platform and the OpenTelemetry SDK name:
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (Application Insights), <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// and <c>AZURE_CLIENT_ID</c> (which Entra identity sends it), <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (a collector).
/// </summary>
public sealed record TelemetrySettings
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ClientIdSetting = "AZURE_CLIENT_ID";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public string? ConnectionString { get; init; }
    public string? AuthenticationString { get; init; }
    public string? ClientId { get; init; }
    public string? OtlpEndpoint { get; init; }
    public bool Console { get; init; }

    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new()
        {
            ConnectionString = Value(configuration, ConnectionStringSetting),
            AuthenticationString = Value(configuration, AuthenticationStringSetting),
            ClientId = Value(configuration, ClientIdSetting),
            OtlpEndpoint = Value(configuration, OtlpEndpointSetting),
            Console = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.Console ?? false,
        };
    }

    /// <summary>What is wrong with the settings, each naming its setting and never quoting a value; empty when none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ConnectionString is { } connection)
        {
            var parts = Parts(connection);
            if (!parts.TryGetValue("InstrumentationKey", out var key) || !Guid.TryParse(key, out _))
            {
                errors.Add($"{ConnectionStringSetting} has no InstrumentationKey (a GUID): copy the resource's connection string whole.");
            }
            if (parts.TryGetValue("IngestionEndpoint", out var ingestion) && !IsHttpUri(ingestion))
            {
                errors.Add($"{ConnectionStringSetting} has an IngestionEndpoint that is not an http(s) URL.");
            }
        }
        if (AuthenticationString is { } authentication)
        {
            var parts = Parts(authentication);
            if (!parts.TryGetValue("Authorization", out var scheme) || !string.Equals(scheme, "AAD", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{AuthenticationStringSetting} must be 'Authorization=AAD' (with ';ClientId=<guid>' for a user-assigned identity).");
            }
            if (parts.TryGetValue("ClientId", out var id) && !Guid.TryParse(id, out _))
            {
                errors.Add($"{AuthenticationStringSetting} has a ClientId that is not a GUID.");
            }
            if (ConnectionString is null)
            {
                errors.Add($"{AuthenticationStringSetting} is set without {ConnectionStringSetting}.");
            }
        }
        if (ClientId is { } clientId && !Guid.TryParse(clientId, out _))
        {
            errors.Add($"{ClientIdSetting} is not a GUID.");
        }
        if (OtlpEndpoint is { } otlp && !IsHttpUri(otlp))
        {
            errors.Add($"{OtlpEndpointSetting} is not an absolute http(s) URL (the collector, e.g. http://127.0.0.1:4317).");
        }
        return errors;
    }

    /// <summary>
    /// The Entra credential the Azure Monitor exporter sends with (Application Insights has local auth off): the managed
    /// identity the authentication string names (its ClientId, else <c>AZURE_CLIENT_ID</c>, else the system-assigned
    /// one); without an authentication string, <see cref="DefaultAzureCredential"/> (a developer's own sign-in).
    /// </summary>
    public TokenCredential CreateCredential()
    {
        if (AuthenticationString is { } authentication)
        {
            var clientId = Parts(authentication).GetValueOrDefault("ClientId") ?? ClientId;
            return clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });
    }

    private static string? Value(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static Dictionary<string, string> Parts(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
}
