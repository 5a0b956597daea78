using Alerts.Api;

namespace Alerts.Health;

/// <summary>
/// The answer of <c>GET /api/health</c>: the app is up (it answers), and each registered dependency's state.
/// 200 while every required dependency is healthy (a failing optional one makes it <c>degraded</c>), 503 when a
/// required one fails. Probes run side by side, each within <see cref="ProbeTimeout"/>; a probe that throws or runs
/// out of time is reported by its exception type only, never its message (which can name an endpoint).
/// </summary>
public sealed class AppHealth(IEnumerable<IDependencyProbe> probes)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<ApiResponse> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = probes.Select(async probe => (Probe: probe, Health: await CheckOneAsync(probe, cancellationToken).ConfigureAwait(false)));
        var results = await Task.WhenAll(checks).ConfigureAwait(false);

        var down = results.Any(r => r.Probe.Required && !r.Health.Healthy);
        var status = down ? "down" : results.All(r => r.Health.Healthy) ? "up" : "degraded";
        var dependencies = results
            .OrderBy(r => r.Probe.Name, StringComparer.Ordinal)
            .ToDictionary(r => r.Probe.Name, r => new HealthEntry(r.Health.Status, r.Health.Detail), StringComparer.Ordinal);
        return new ApiResponse(down ? 503 : 200, new HealthBody(status, dependencies))
        {
            Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
        };
    }

    private static async Task<DependencyHealth> CheckOneAsync(IDependencyProbe probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            return await probe.CheckAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DependencyHealth.Unreachable($"no answer within {ProbeTimeout.TotalSeconds:0} s");
        }
#pragma warning disable CA1031 // A probe's failure is the report, whatever it is.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return DependencyHealth.Unreachable(exception.GetType().Name);
        }
    }

    private sealed record HealthBody(string Status, IReadOnlyDictionary<string, HealthEntry> Dependencies);

    private sealed record HealthEntry(string Status, string? Detail);
}
