using System.Collections.Concurrent;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace Alerts.LocalHost;

/// <summary>
/// Timer schedule status kept in memory. The timers extension available here (3.0.6) ships a storage-backed monitor
/// written against an older host-storage API than the blob extension 5.x brings; locally one process runs the timer,
/// and digests cover whole windows, so a tick missed while the host was down loses nothing.
/// </summary>
internal sealed class LocalScheduleMonitor : ScheduleMonitor
{
    private readonly ConcurrentDictionary<string, ScheduleStatus> _status = new(StringComparer.Ordinal);

    public override Task<ScheduleStatus> GetStatusAsync(string timerName) =>
        Task.FromResult(_status.TryGetValue(timerName, out var status) ? status : null!);

    public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        _status[timerName] = status;
        return Task.CompletedTask;
    }
}
