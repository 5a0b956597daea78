using System.Collections.Concurrent;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Subscriptions;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>
/// A channel whose answers the test scripts, recording every send. It stands in for the transport only; the ledger,
/// the store and the digests around it are the real ones on Azurite. The real channels are tested end to end elsewhere.
/// </summary>
internal sealed class ScriptedChannel(Channel channel) : IDigestChannel
{
    private readonly ConcurrentQueue<Func<DeliveryOutcome>> _script = new();

    public Channel Channel { get; } = channel;

    public ConcurrentQueue<Digest> Sends { get; } = new();

    /// <summary>Delay inside each send, to make two runs overlap.</summary>
    public TimeSpan SendDelay { get; set; }

    /// <summary>Runs inside each send, after the delivery read the subscription and before it records the outcome.</summary>
    public Func<Subscription, Task>? DuringSend { get; set; }

    public void Then(DeliveryOutcome outcome) => _script.Enqueue(() => outcome);

    /// <summary>The process dies after the receiver got the digest and before the ledger heard back: its host stops.</summary>
    public void ThenCrashAfterSending(CancellationTokenSource host) => _script.Enqueue(() =>
    {
        host.Cancel();
        throw new OperationCanceledException(host.Token);
    });

    /// <summary>The channel throws (a sender left unconfigured, a transport bug) while the run goes on.</summary>
    public void ThenThrow(Exception exception) => _script.Enqueue(() => throw exception);

    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken)
    {
        if (SendDelay > TimeSpan.Zero)
        {
            await Task.Delay(SendDelay, cancellationToken);
        }
        if (DuringSend is { } during)
        {
            await during(subscription);
        }
        Sends.Enqueue(digest);
        return _script.TryDequeue(out var next) ? next() : DeliveryOutcome.Sent;
    }
}
