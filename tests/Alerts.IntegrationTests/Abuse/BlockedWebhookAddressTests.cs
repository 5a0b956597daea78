using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Subscriptions;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Abuse;

/// <summary>
/// A webhook aimed at an address that reaches inside the network by another name (IPv4-mapped or -translated IPv6,
/// local-use NAT64) is refused by the local host's API over HTTP, with nothing stored, as any other blocked address.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class BlockedWebhookAddressTests(AzuriteFixture azurite)
{
    private static readonly string[] Rules = ["state-of-emergency"];

    public static TheoryData<string> Targets { get; } =
    [
        "https://[::ffff:169.254.169.254]/hook",   // IPv4-mapped: the cloud metadata endpoint
        "https://[::ffff:8.8.8.8]/hook",           // IPv4-mapped, public: a webhook host never has one
        "https://[::ffff:0:a00:1]/hook",           // IPv4-translated (::ffff:0:0/96) 10.0.0.1
        "https://[64:ff9b:1::a00:1]/hook",         // local-use NAT64 (64:ff9b:1::/48) of 10.0.0.1
    ];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Is_refused_with_400_naming_the_target_and_nothing_is_stored(string target)
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For(allowLoopback: false));

        var response = await server.Http.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative),
            new { channel = "webhook", target, rules = Rules });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("target:", StringComparison.Ordinal));
        Assert.False(await server.Services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None).AnyAsync(s => s.Target == target));
    }
}
