using System.Buffers.Text;
using System.Text;
using Alerts.Api;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// Bad API requests: bad subscription requests and bad unsubscribe or confirmation links, through <see cref="SubscriptionApi"/>
/// on Azurite. Each gets a 4xx with a message that says what to fix, stores nothing, and leaks nothing.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class BadApiRequestTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public static TheoryData<string> Kinds { get; } = [.. BadApiRequests.All.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_bad_subscription_request_is_refused_with_a_clear_message_and_nothing_is_stored(string kind)
    {
        var (body, status, error) = BadApiRequests.All[kind];
        await using var services = BuildServices();
        var api = services.GetRequiredService<SubscriptionApi>();
        var before = await CountSubscriptionsAsync(services);

        var response = await api.CreateAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None).WaitAsync(Limit);

        Assert.Equal(status, response.Status);
        var problem = Assert.IsType<ApiProblem>(response.Json);
        Assert.Contains(error, string.Join('\n', [problem.Title, .. problem.Errors]), StringComparison.Ordinal);
        Assert.Equal(before, await CountSubscriptionsAsync(services));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_without_reading_it_whole()
    {
        await using var services = BuildServices();
        var body = new GeneratedStream("{\"a\":1}"u8.ToArray(), 50L * 1024 * 1024, seekable: false);

        var response = await services.GetRequiredService<SubscriptionApi>().CreateAsync(body, CancellationToken.None).WaitAsync(Limit);

        Assert.Equal(413, response.Status);
        Assert.InRange(body.BytesRead, 1, SubscriptionApi.MaxBodyBytes + 8192);
    }

    public static TheoryData<string> TokenKinds { get; } =
    [
        "forged (signed with another key)",
        "tampered (another subscription id, same signature)",
        "confirmation link used to unsubscribe",
        "garbage",
        "10 kB token",
        "missing",
    ];

    [Theory]
    [MemberData(nameof(TokenKinds))]
    public async Task A_bad_unsubscribe_link_is_refused_and_leaks_nothing(string kind)
    {
        await using var services = BuildServices();
        var subscription = await CreatePendingAsync(services);
        var tokens = services.GetRequiredService<SubscriptionTokens>();
        var genuine = await tokens.IssueAsync(SubscriptionTokens.Unsubscribe, subscription.Id, CancellationToken.None);
        var token = kind switch
        {
            "forged (signed with another key)" => Forge(genuine),
            "tampered (another subscription id, same signature)" => Tamper(genuine, subscription.Id),
            "confirmation link used to unsubscribe" => await tokens.IssueAsync(SubscriptionTokens.Confirm, subscription.Id, CancellationToken.None),
            "garbage" => "%%%not-a-token%%%",
            "10 kB token" => new string('A', 10_000) + "." + new string('B', 43),
            _ => null,
        };

        var response = await services.GetRequiredService<SubscriptionApi>().UnsubscribeAsync(token, CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains("This link is not valid or has expired.", response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(subscription.Id, response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(subscription.Target, response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Html, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Pending, (await services.GetRequiredService<SubscriptionService>().GetAsync(subscription.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_unsubscribe_link_replayed_after_unsubscribing_answers_the_same_and_changes_nothing()
    {
        await using var services = BuildServices();
        var subscription = await CreatePendingAsync(services);
        var api = services.GetRequiredService<SubscriptionApi>();
        var token = await services.GetRequiredService<SubscriptionTokens>().IssueAsync(SubscriptionTokens.Unsubscribe, subscription.Id, CancellationToken.None);

        var first = await api.UnsubscribeAsync(token, CancellationToken.None);
        var stored = await services.GetRequiredService<ISubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None);
        var replay = await api.UnsubscribeAsync(token, CancellationToken.None);
        var confirmAfter = await api.ConfirmAsync(await services.GetRequiredService<SubscriptionTokens>().IssueAsync(SubscriptionTokens.Confirm, subscription.Id, CancellationToken.None), CancellationToken.None);

        Assert.Equal((200, 200), (first.Status, replay.Status));
        Assert.Equal(first.Html, replay.Html);
        Assert.Equal(409, confirmAfter.Status);
        Assert.Equivalent(stored, await services.GetRequiredService<ISubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None), strict: true);
        Assert.Equal(SubscriptionStatus.Unsubscribed, stored!.Status);
    }

    [Fact]
    public async Task An_expired_confirmation_link_is_refused_and_the_subscription_stays_pending()
    {
        await using var services = BuildServices();
        var subscription = await CreatePendingAsync(services);
        var token = await services.GetRequiredService<SubscriptionTokens>().IssueAsync(SubscriptionTokens.Confirm, subscription.Id, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(8));

        var response = await services.GetRequiredService<SubscriptionApi>().ConfirmAsync(token, CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains("not valid or has expired", response.Html, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Pending, (await services.GetRequiredService<ISubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.Status);
    }

    private ServiceProvider BuildServices() => azurite.BuildServices(configure: s =>
    {
        s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        // These cases are about the request, not the channel: the channels' own checks are tested in Channels/.
        s.RemoveAll<IChannelOnboarding>();
        s.AddSingleton<IChannelOnboarding>(new AcceptingOnboarding(Channel.Email));
        s.AddSingleton<IChannelOnboarding>(new AcceptingOnboarding(Channel.Webhook));
    });

    /// <summary>A pending email subscription: it matches nothing, so it cannot disturb the delivery tests sharing Azurite.</summary>
    private static async Task<Subscription> CreatePendingAsync(ServiceProvider services)
    {
        var outcome = await services.GetRequiredService<SubscriptionService>().CreateAsync(new SubscriptionRequest
        {
            Channel = "email",
            Target = $"analyst-{Guid.NewGuid():N}@example.org",
            Rules = ["state-of-emergency"],
            Cadence = "daily",
        }, CancellationToken.None);
        Assert.Equal(SubscriptionOutcomeKind.Created, outcome.Kind);
        Assert.Equal(SubscriptionStatus.Pending, outcome.Subscription!.Status);
        return outcome.Subscription;
    }

    private static async Task<int> CountSubscriptionsAsync(ServiceProvider services) =>
        await services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None).CountAsync();

    /// <summary>The genuine payload with an HMAC computed under a key the app never had.</summary>
    private static string Forge(string genuine)
    {
        var payload = genuine[..genuine.IndexOf('.', StringComparison.Ordinal)];
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("attacker-key"), Base64Url.DecodeFromChars(payload));
        return payload + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The genuine signature on a payload naming another subscription.</summary>
    private static string Tamper(string genuine, string id)
    {
        var dot = genuine.IndexOf('.', StringComparison.Ordinal);
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(genuine.AsSpan(0, dot)));
        var other = payload.Replace(id, SubscriptionIds.New(), StringComparison.Ordinal);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(other)) + genuine[dot..];
    }
}
