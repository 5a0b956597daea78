using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Alerts.Hosting;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Tests.Hosting;

/// <summary>
/// <c>alerts.poison.messages</c> (the poison-messages alert rule) counts a message when its last try fails, once,
/// named by queue; earlier failed tries are retries, not poison.
/// </summary>
public sealed class PoisonCountTests
{
    [Fact]
    public async Task A_malformed_message_counts_as_poison_on_its_last_try_only()
    {
        var messageId = $"poison-{Guid.NewGuid():N}";
        var counted = new ConcurrentQueue<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AlertsTelemetry.Name && instrument.Name == AlertsTelemetry.PoisonMessages)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // Only this test's own calls (other tests may count poison at the same time); tags name the queue.
            if (s_mine.Value)
            {
                counted.Enqueue(tags.ToArray().Single(t => t.Key == "queue").Value?.ToString());
            }
        });
        listener.Start();
        s_mine.Value = true;
        var handler = new ImmediateQueueHandler(null!, NullLogger<ImmediateQueueHandler>.Instance);

        for (var attempt = 1; attempt <= QueuePoison.MaxDequeueCount; attempt++)
        {
            await Assert.ThrowsAsync<MalformedMessageException>(() => handler.HandleAsync("not json", messageId, attempt, CancellationToken.None));
        }

        Assert.Equal(["immediate-deliveries"], counted);
    }

    private static readonly AsyncLocal<bool> s_mine = new();
}
