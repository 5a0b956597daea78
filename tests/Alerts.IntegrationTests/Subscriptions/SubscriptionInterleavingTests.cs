using Alerts.Api;
using Alerts.Delivery;
using Alerts.IntegrationTests.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// Model-based, seeded random interleavings on Azurite: PATCH (active, paused, cadence), DELETE, the unsubscribe
/// link, and delivery outcomes (success, 410 Gone, a failure, a redelivery that makes a failing subscription active)
/// and the digest run (which gives up on a failing receiver) run in random batches of requests at the same moment. The model: once a DELETE or an unsubscribe link has
/// succeeded, the subscription is unsubscribed at every later look, whatever else ran; no request fails with an
/// exception. A failing seed is printed, and repeats.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class SubscriptionInterleavingTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private enum Op
    {
        PatchActive,
        PatchPaused,
        PatchCadence,
        Delete,
        UnsubscribeLink,
        DeliverSent,
        DeliverGone,
        DeliverFailed,
        DigestRun, // the timer: retries a failed digest at once, and with one retry allowed, gives up: the subscription is failing
    }

    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Once_unsubscribed_a_subscription_never_becomes_active_or_paused_again(int seed)
    {
        var random = new Random(seed);
        var channel = new OutcomeChannel();
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel], new Dictionary<string, string?> { ["Alerts:Digests:RetrySchedule"] = "00:00:00" });
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var tokens = h.Services.GetRequiredService<SubscriptionTokens>();
        var subscription = await SubscriptionRows.AddActiveAsync(h.Services);
        var id = subscription.Id;
        // The ops below read these when they run, so a new subscription is picked up by the next round.
        var ended = false;
        var finished = new List<string>();
        var trace = new List<string>();

        for (var round = 0; round < 16; round++)
        {
            var batch = Enumerable.Range(0, random.Next(1, 5)).Select(_ => (Op)random.Next(Enum.GetValues<Op>().Length)).ToList();
            // Deletes are rarer than the rest, so that most rounds start from a live subscription.
            if (batch.Contains(Op.Delete) && random.Next(3) > 0)
            {
                batch.Remove(Op.Delete);
            }
            var digests = new Dictionary<int, string>();
            for (var i = 0; i < batch.Count; i++)
            {
                var outcome = batch[i] switch
                {
                    Op.DeliverSent => DeliveryOutcome.Sent,
                    Op.DeliverGone => DeliveryOutcome.Gone("410 Gone"),
                    Op.DeliverFailed => DeliveryOutcome.Failed("503 Service Unavailable"),
                    _ => null,
                };
                if (outcome is not null)
                {
                    digests[i] = await channel.AddDigestAsync(h.Ledger, subscription, outcome, h.Clock.GetUtcNow());
                }
            }
            channel.SendDelay = TimeSpan.FromMilliseconds(random.Next(0, 30));
            var delays = batch.Select(_ => random.Next(0, 25)).ToList();
            trace.Add($"round {round}: {string.Join(", ", batch)}");

            var results = await Task.WhenAll(batch.Select(async (op, i) =>
            {
                await Task.Delay(delays[i]);
                return (op, status: await RunAsync(op, digests.GetValueOrDefault(i)));
            }));

            ended |= results.Any(r => r.op == Op.Delete && r.status == 204 || r.op == Op.UnsubscribeLink && r.status == 200);
            var status = await SubscriptionRows.StatusAsync(h.Services, id);
            trace.Add($"  -> {string.Join(", ", results.Select(r => $"{r.op}:{r.status}"))}; stored {status}");
            if (ended && status != SubscriptionStatus.Unsubscribed)
            {
                output.WriteLine(string.Join('\n', trace));
                Assert.Fail($"seed {seed}, round {round}: unsubscribed, then {status}");
            }
            if (ended && random.Next(2) == 0)
            {
                // A new subscriber, for another lifetime of races; the old one is checked again below.
                ended = false;
                finished.Add(id);
                subscription = await SubscriptionRows.AddActiveAsync(h.Services);
                id = subscription.Id;
                trace.Add($"new subscription {id}");
            }
        }
        foreach (var old in finished)
        {
            Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(h.Services, old));
        }

        async Task<int> RunAsync(Op op, string? digestId)
        {
            var body = op switch
            {
                Op.PatchActive => "{\"status\":\"active\"}",
                Op.PatchPaused => "{\"status\":\"paused\"}",
                _ => "{\"cadence\":\"hourly\"}",
            };
            switch (op)
            {
                case Op.PatchActive or Op.PatchPaused or Op.PatchCadence:
                    return (await api.PatchAsync(id, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), CancellationToken.None)).Status;
                case Op.Delete:
                    return (await api.DeleteAsync(id, CancellationToken.None)).Status;
                case Op.DigestRun:
                    return (await h.Delivery.RunAsync(CancellationToken.None)).Failed;
                case Op.UnsubscribeLink:
                    var token = await tokens.IssueAsync(SubscriptionTokens.Unsubscribe, id, CancellationToken.None);
                    return (await api.UnsubscribeAsync(token, CancellationToken.None)).Status;
                default:
                    // A failing subscription's redelivery makes it active again: that path races the rest too.
                    var result = await h.Delivery.RedeliverAsync(id, digestId!, CancellationToken.None);
                    return result switch { DeliveryResult.Sent => 1, DeliveryResult.Gone => 2, DeliveryResult.Failed => 3, _ => 0 };
            }
        }
    }
}
