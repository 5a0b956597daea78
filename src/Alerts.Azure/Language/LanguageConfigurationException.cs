using Alerts.Entities;
using Azure;

namespace Alerts.Language;

/// <summary>
/// Azure AI Language refused the request for a reason only a change of settings or roles fixes
/// (400, 401, 403, 404). Falling back would hide it article after article, so it is raised instead.
/// The message is one line naming what to check; it never holds a key or a token.
/// </summary>
public sealed class LanguageConfigurationException : ExtractorConfigurationException
{
    public LanguageConfigurationException()
    {
    }

    public LanguageConfigurationException(string message)
        : base(message)
    {
    }

    public LanguageConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The reason recorded for an upload this stopped.</summary>
    public const string ConfigurationReason = "language-config";

    public override string Reason => ConfigurationReason;

    public int Status { get; private init; }

    /// <summary>Whether the response status is a configuration error rather than a passing failure.</summary>
    public static bool IsConfigurationStatus(int status) => status is 400 or 401 or 403 or 404;

    public static LanguageConfigurationException From(RequestFailedException failure, Uri? endpoint)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var where = endpoint is null ? "the Language endpoint" : $"{endpoint.GetLeftPart(UriPartial.Path)}";
        var code = failure.ErrorCode is { Length: > 0 } c ? $" {c}" : "";
        var advice = failure.Status switch
        {
            401 => "check Alerts:Language:Key, or the identity's token for the Cognitive Services scope",
            403 => "give the app's identity the 'Cognitive Services Language Reader' (or User) role on the Language resource",
            404 => "check Alerts:Language:Endpoint (the resource's endpoint, with any gateway path)",
            _ => "check Alerts:Language settings (ModelVersion, ApiVersion) against the resource",
        };
        return new LanguageConfigurationException($"Azure AI Language at {where} answered HTTP {failure.Status}{code}: {advice}.", failure)
        {
            Status = failure.Status,
        };
    }
}
