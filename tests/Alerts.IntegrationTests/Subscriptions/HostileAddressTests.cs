using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alerts.IntegrationTests.Channels;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// Addresses mail cannot (or must not) be sent to, through the HTTP API with the real email channel: each is refused
/// with a 400 naming the field, before anything is stored or mailed.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class HostileAddressTests(AzuriteFixture azurite)
{
    private static readonly string[] Rules = ["state-of-emergency"];

    public static TheoryData<string> Addresses { get; } =
    [
        "\"a@b\"@example.org",              // quoted local part holding an @
        "ana\u200Blyst@example.org",        // zero-width space
        "\u202Egro.elpmaxe@tsylana",        // right-to-left override: reads as another address
        "analyst@exa\u202Emple.org",
        "analyst@-example.org",             // domain label starting with a hyphen
    ];

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Is_refused_with_400_naming_the_target_and_nothing_is_stored_or_sent(string address)
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For(smtp));

        var response = await server.Http.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative),
            new { channel = "email", target = address, rules = Rules });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("target:", StringComparison.Ordinal));
        Assert.False(await server.Services.GetRequiredService<ISubscriptionStore>().ListAsync(CancellationToken.None).AnyAsync(s => s.Target == address.Trim()));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(smtp.Messages);
    }
}
