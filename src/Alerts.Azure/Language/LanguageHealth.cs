namespace Alerts.Language;

/// <summary>
/// The last configuration error Azure AI Language reported, for the hosts' health check; cleared by the next
/// success. Holds only the one-line description (endpoint and status), never a key or a token.
/// </summary>
public sealed class LanguageHealth
{
    private volatile Failure? _failure;

    /// <summary>What is wrong, or null when the last call worked (or none was made).</summary>
    public string? Problem => _failure?.Problem;

    /// <summary>The HTTP status of the last configuration error, or null.</summary>
    public int? ProblemStatus => _failure?.Status;

    public void Failed(string problem, int? status = null) => _failure = new Failure(problem, status);

    public void Succeeded() => _failure = null;

    private sealed record Failure(string Problem, int? Status);
}
