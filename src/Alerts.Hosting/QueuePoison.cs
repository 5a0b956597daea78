using Alerts.Telemetry;

namespace Alerts.Hosting;

/// <summary>
/// The one poison policy of both hosts: a message is tried <see cref="MaxDequeueCount"/> times (host.json's
/// <c>extensions.queues.maxDequeueCount</c> in Azure, the WebJobs queue options locally), then the queue engine moves
/// it to <c>{queue}-poison</c>. A handler that fails on the last try counts it on <c>alerts.poison.messages</c>.
/// </summary>
public static class QueuePoison
{
    public const int MaxDequeueCount = 5;

    /// <summary>Counts the message as poisoned when this failed try was its last.</summary>
    public static void CountIfLast(string queue, long dequeueCount)
    {
        if (dequeueCount >= MaxDequeueCount)
        {
            AlertsTelemetry.PoisonMessage(queue);
        }
    }
}
