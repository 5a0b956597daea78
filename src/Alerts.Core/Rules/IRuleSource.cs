namespace Alerts.Rules;

/// <summary>Rules that change while the app runs (subscribers' own queries); the catalogue polls them.</summary>
public interface IRuleSource
{
    Task<IReadOnlyList<WatchRule>> GetRulesAsync(CancellationToken cancellationToken);
}
