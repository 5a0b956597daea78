namespace Alerts.Language;

/// <summary>
/// The last configuration error Azure AI Language reported, for the hosts' health check; cleared by the next
/// success. Holds only the one-line description (endpoint and status), never a key or a token.
/// </summary>
public sealed class LanguageHealth
{
    private volatile string? _problem;

    /// <summary>What is wrong, or null when the last call worked (or none was made).</summary>
    public string? Problem => _problem;

    public void Failed(string problem) => _problem = problem;

    public void Succeeded() => _problem = null;
}
