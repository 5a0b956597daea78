using System.Text.Json;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Hosting;

namespace Alerts.Tests.Hosting;

/// <summary>
/// The immediate-queue decoder both hosts use. A malformed message is an error (so both engines retry it and then move
/// it to the poison queue), named by id and reason, never quoting the body.
/// </summary>
public class ImmediateMessageDecoderTests
{
    private static readonly string ArticleId = new('a', 64);

    public static TheoryData<string, string> Malformed { get; } = new()
    {
        { "SECRET not json at all", "not a JSON object" },
        { """["SECRET"]""", "not a JSON object" },
        { "null", "JSON null" },
        { """{"rules":["SECRET-rule"]}""", "articleId is missing" },
        { """{"articleId":"SECRET/../x","rules":["state-of-emergency"]}""", "articleId is not 64 lowercase hex digits" },
        { $$"""{"articleId":"{{new string('A', 64)}}","rules":["state-of-emergency"]}""", "articleId is not 64 lowercase hex digits" },
        { $$"""{"articleId":"{{new string('a', 64)}}"}""", "rules is missing or empty" },
        { $$"""{"articleId":"{{new string('a', 64)}}","rules":[]}""", "rules is missing or empty" },
        { $$"""{"articleId":"{{new string('a', 64)}}","rules":[""]}""", "rules holds an empty rule id" },
        { $$"""{"articleId":"{{new string('a', 64)}}","rules":"SECRET"}""", "not a JSON object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_message_is_an_error_naming_the_message_and_the_fault_but_not_the_content(string body, string reason)
    {
        var error = Assert.Throws<MalformedMessageException>(() => ImmediateMessageDecoder.Decode(body, "msg-42"));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal("immediate-deliveries", error.Queue);
        Assert.Contains("msg-42", error.Message, StringComparison.Ordinal);
        Assert.Contains("immediate-deliveries-poison", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_the_analysis_path_sends_decodes()
    {
        // The notifier's own encoding, so the decoder and the sender cannot drift apart.
        var sent = JsonSerializer.Serialize(new NewMatchesMessage(ArticleId, ["state-of-emergency", "troop-arrivals"]), AlertsJson.Options);

        var message = ImmediateMessageDecoder.Decode(sent, "msg-1");

        Assert.Equal(ArticleId, message.ArticleId);
        Assert.Equal(["state-of-emergency", "troop-arrivals"], message.Rules);
    }
}
