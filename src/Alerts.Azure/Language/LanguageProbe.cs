using Alerts.Health;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

/// <summary>
/// The health route's entity extraction check, without calling the service (a call costs text records): the
/// embedded extractor, or Azure AI Language configured, or failing with the status of its last configuration error.
/// Never the endpoint, which the configuration error's own message names.
/// </summary>
public sealed class LanguageProbe(IOptions<LanguageOptions> options, LanguageHealth health) : IDependencyProbe
{
    public string Name => "language";

    // Without the service articles wait for a fix; the rest of the app (API, digests) still works.
    public bool Required => false;

    public Task<DependencyHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        DependencyHealth result;
        if (settings.Endpoint is null)
        {
            result = new DependencyHealth("embedded", true, "the embedded extractor; no Azure AI Language endpoint is set");
        }
        else if (health.Problem is not null)
        {
            result = DependencyHealth.Failing($"Azure AI Language configuration error (HTTP {health.ProblemStatus}); uploads are retried until it is fixed");
        }
        else
        {
            result = DependencyHealth.Configured($"Azure AI Language, api-version {settings.ApiVersion}");
        }
        return Task.FromResult(result);
    }
}
