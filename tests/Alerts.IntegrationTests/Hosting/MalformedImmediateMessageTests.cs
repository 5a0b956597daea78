using Alerts.Functions;
using Alerts.Hosting;
using Alerts.LocalHost;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Hosting;

/// <summary>
/// The immediate-queue trigger as each host declares it, over the pipeline's real services: a malformed message fails
/// both with the same error (so both engines retry it and then poison it); a well-formed one for an unknown article
/// is no error in either.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class MalformedImmediateMessageTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Bodies { get; } = ["SECRET, not JSON", "{\"articleId\":\"SECRET\",\"rules\":[\"state-of-emergency\"]}", "{}"];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Both_hosts_fail_a_malformed_message_with_the_same_error(string body)
    {
        await using var services = BuildServices();
        var functionApp = ActivatorUtilities.CreateInstance<DeliverImmediate>(services);
        var localHost = ActivatorUtilities.CreateInstance<LocalFunctions>(services);

        var inAzure = await Assert.ThrowsAsync<MalformedMessageException>(() => functionApp.RunAsync(Message("msg-1", body), CancellationToken.None));
        var locally = await Assert.ThrowsAsync<MalformedMessageException>(() => localHost.DeliverImmediateAsync(body, "msg-1", 1, CancellationToken.None));

        Assert.Equal(inAzure.Message, locally.Message);
        Assert.DoesNotContain("SECRET", inAzure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_well_formed_message_for_an_article_that_is_not_stored_sends_nothing_and_is_no_error()
    {
        await using var services = BuildServices();
        var body = $$"""{"articleId":"{{new string('0', 64)}}","rules":["state-of-emergency"]}""";

        await ActivatorUtilities.CreateInstance<DeliverImmediate>(services).RunAsync(Message("msg-2", body), CancellationToken.None);
        await ActivatorUtilities.CreateInstance<LocalFunctions>(services).DeliverImmediateAsync(body, "msg-2", 1, CancellationToken.None);
    }

    // What the Functions host hands the trigger: the SDK's message type, first delivery.
    private static QueueMessage Message(string id, string body) =>
        QueuesModelFactory.QueueMessage(id, "pop-receipt", BinaryData.FromString(body), dequeueCount: 1);

    private ServiceProvider BuildServices() => azurite.BuildServices(configure: s => s.AddSingleton<ActivityReporter>().AddSingleton<UploadedBlobProcessor>());
}
