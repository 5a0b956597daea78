namespace Alerts.Health;

/// <summary>
/// One dependency the health route reports on (storage, entity extraction, email). Registered by the adapter that
/// owns the dependency; the answer never holds a secret, an endpoint or an exception message.
/// </summary>
public interface IDependencyProbe
{
    /// <summary>The dependency's name in the report, e.g. <c>storage</c>.</summary>
    string Name { get; }

    /// <summary>Whether the app cannot work without it: only a required dependency that fails makes the app unhealthy (503).</summary>
    bool Required { get; }

    Task<DependencyHealth> CheckAsync(CancellationToken cancellationToken);
}
