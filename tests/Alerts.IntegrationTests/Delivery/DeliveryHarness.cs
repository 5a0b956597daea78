using System.Text;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>
/// The real pipeline on Azurite with a controllable clock, and the channels given (the real ones when none are).
/// Each harness starts on its own day far from today, so its matches fall in windows no other test writes to, and it
/// first quiets every active subscription left in the shared Azurite (tests of the Azurite collection run one at a time).
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private static int s_day;

    private DeliveryHarness(ServiceProvider services, FakeTimeProvider clock)
    {
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public DeliveryService Delivery => Services.GetRequiredService<DeliveryService>();
    public ISubscriptionStore Subscriptions => Services.GetRequiredService<ISubscriptionStore>();
    public IDeliveryLedger Ledger => Services.GetRequiredService<IDeliveryLedger>();

    public static async Task<DeliveryHarness> StartAsync(AzuriteFixture azurite, IEnumerable<Alerts.Delivery.IDigestChannel> channels, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var day = Interlocked.Increment(ref s_day) + Random.Shared.Next(0, 200_000);
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 9, 50, 0, TimeSpan.Zero).AddDays(day));
        var values = new Dictionary<string, string?>
        {
            ["Alerts:Digests:SettleDelay"] = "00:00:30",
            ["Alerts:Digests:RetrySchedule"] = "00:01:00,00:05:00",
            ["Alerts:Digests:ClaimTimeout"] = "00:02:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }
        var services = azurite.BuildServices(values, s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            // Scripted channels stand in for the real ones; with none given, the real channels send.
            if (channels.Any())
            {
                s.RemoveAll<Alerts.Delivery.IDigestChannel>();
            }
            foreach (var channel in channels)
            {
                s.AddSingleton(channel);
            }
            configure?.Invoke(s);
        });
        var harness = new DeliveryHarness(services, clock);
        await harness.QuietOthersAsync();
        return harness;
    }

    /// <summary>Stores an active subscription directly (the API's onboarding is tested on its own).</summary>
    public async Task<Subscription> SubscribeAsync(Channel channel, string target, CadenceKind cadence, params string[] rules)
    {
        var subscription = new Subscription
        {
            Id = SubscriptionIds.New(),
            Channel = channel,
            Target = target,
            Rules = rules,
            Cadence = new Cadence(cadence),
            Status = SubscriptionStatus.Active,
            CreatedAt = Clock.GetUtcNow(),
            ConfirmedAt = Clock.GetUtcNow(),
            SigningSecret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("test-secret-of-32-bytes-long!!!!")),
        };
        await Subscriptions.AddAsync(subscription, CancellationToken.None);
        return subscription;
    }

    /// <summary>Uploads an article through the real processor at the harness's current time.</summary>
    public async Task<ProcessingResult> AnalyseAsync(string text)
    {
        var processor = Services.GetRequiredService<ArticleProcessor>();
        return await processor.ProcessAsync($"{Guid.NewGuid():N}.txt", new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);
    }

    /// <summary>
    /// A story of its own: the closing paragraph of unique codes keeps two stories with the same <paramref name="body"/>
    /// from folding into one story as copies of each other (near-duplicate folding compares bodies).
    /// </summary>
    public static string Story(string title, string body) =>
        $"{title}\n\nBy Test Wire January 8, 2031\n\n{body}\n\nReference {UniqueCodes()}.\n";

    /// <summary>Twelve codes of four hex digits no other story has: enough words of its own that a body is not folded as a copy.</summary>
    public static string UniqueCodes() =>
        string.Join(' ', Enumerable.Range(0, 3).SelectMany(_ => Guid.NewGuid().ToString("N").Chunk(4)).Select(c => new string(c)));

    private async Task QuietOthersAsync()
    {
        await foreach (var s in Subscriptions.ListAsync(CancellationToken.None))
        {
            if (s.Status is SubscriptionStatus.Active or SubscriptionStatus.Failing)
            {
                await Subscriptions.UpdateAsync(s.Id, x => x with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await QuietOthersAsync();
        await Services.DisposeAsync();
    }
}
