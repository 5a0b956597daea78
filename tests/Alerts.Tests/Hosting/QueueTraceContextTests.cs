using System.Text.Json;
using Alerts.Delivery;
using Alerts.Hosting;
using Alerts.Subscriptions;
using Alerts.Telemetry;

namespace Alerts.Tests.Hosting;

/// <summary>
/// The immediate and digest-batch messages carry the sender's W3C <c>traceparent</c>; messages written without one
/// still decode, and a value that is not a traceparent is never taken for one.
/// </summary>
public sealed class QueueTraceContextTests
{
    private const string TraceParentValue = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static readonly string ArticleId = new('b', 64);

    [Fact]
    public void An_immediate_message_carries_its_traceparent_and_an_old_one_decodes_without()
    {
        var sent = JsonSerializer.Serialize(new NewMatchesMessage(ArticleId, ["troop-arrivals"]) { TraceParent = TraceParentValue }, AlertsJson.Options);

        Assert.Contains("\"traceparent\":\"" + TraceParentValue + "\"", sent, StringComparison.Ordinal);
        Assert.Equal(TraceParentValue, ImmediateMessageDecoder.Decode(sent, "m-1").TraceParent);
        var old = ImmediateMessageDecoder.Decode($$"""{"articleId":"{{ArticleId}}","rules":["troop-arrivals"]}""", "m-2");
        Assert.Null(old.TraceParent);
        Assert.Equal(["troop-arrivals"], old.Rules);
    }

    [Fact]
    public void A_digest_batch_carries_its_traceparent_and_an_old_one_decodes_without()
    {
        var id = SubscriptionIds.New();
        var sent = JsonSerializer.Serialize(new DigestBatch([id]) { TraceParent = TraceParentValue }, AlertsJson.Options);

        Assert.Equal(TraceParentValue, DigestBatchDecoder.Decode(sent, "m-1").TraceParent);
        var old = DigestBatchDecoder.Decode($$"""{"subscriptionIds":["{{id}}"]}""", "m-2");
        Assert.Null(old.TraceParent);
        Assert.DoesNotContain("traceparent", JsonSerializer.Serialize(old, AlertsJson.Options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")] // all-zero ids are invalid
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra")]
    [InlineData("zz-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    public void A_value_that_is_not_a_traceparent_starts_no_trace_from_it(string? value) =>
        Assert.False(TraceParent.TryParse(value, out _));

    [Fact]
    public void A_traceparent_is_read_as_the_remote_parent()
    {
        Assert.True(TraceParent.TryParse(TraceParentValue, out var context));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", context.TraceId.ToHexString());
        Assert.True(context.IsRemote);
    }
}
