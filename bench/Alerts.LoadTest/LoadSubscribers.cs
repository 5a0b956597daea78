using Alerts.Subscriptions;

namespace Alerts.LoadTest;

/// <summary>
/// The load run's webhook subscribers: <c>count</c> of them, each on its own hook path on the receiver (so deliveries
/// are counted per subscriber), active and confirmed at <c>created</c>, written 16 at a time.
/// </summary>
internal static class LoadSubscribers
{
    private const string SigningSecret = "whsec_loadtest";

    public static Task AddAsync(ISubscriptionStore store, WebhookReceiver receiver, int count, string pathPrefix, Cadence cadence,
        DateTimeOffset created, Func<int, (IReadOnlyList<string> Rules, IReadOnlyList<string> Queries)> watches, CancellationToken ct) => Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
        {
            var (rules, queries) = watches(i);
            await store.AddAsync(new Subscription
            {
                Id = SubscriptionIds.New(),
                Channel = Channel.Webhook,
                Target = new Uri(receiver.BaseUrl, $"/hook/{pathPrefix}{i}").ToString(),
                Rules = rules,
                Queries = queries,
                Cadence = cadence,
                Status = SubscriptionStatus.Active,
                CreatedAt = created,
                ConfirmedAt = created,
                SigningSecret = SigningSecret,
            }, token);
        });
}
