using System.Text.Json;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Channels.Webhooks;
using Alerts.Digests;
using Alerts.Rules;

namespace Alerts.Tests.Channels;

/// <summary>What a webhook receiver reads: the evidence and the severity, not Lucene's internal relevance number.</summary>
public sealed class WebhookPayloadTests
{
    private static RuleMatch NewMatch(string rule, Severity severity, double score) => new()
    {
        Rule = rule, Title = rule, Severity = severity, Score = score,
        Snippets = [new Snippet("They declared a state of emergency.", [new Highlight(16, 18)])],
    };

    private static Digest DigestOf(params RuleMatch[] matches) => new()
    {
        Id = "dg_1", SubscriptionId = "sub_1", Kind = DigestKind.Immediate,
        WindowStart = DateTimeOffset.UnixEpoch, WindowEnd = DateTimeOffset.UnixEpoch, CreatedAt = DateTimeOffset.UnixEpoch,
        Articles = [new DigestArticle { ArticleId = "a1", MatchedAt = DateTimeOffset.UnixEpoch, Severity = Severity.Critical, Matches = matches }],
    };

    [Fact]
    public void The_payload_carries_severity_and_snippets_but_no_score()
    {
        var json = JsonDocument.Parse(WebhookPayload.From(DigestOf(NewMatch("state-of-emergency", Severity.Critical, 0.0012))).ToUtf8Json());

        var match = json.RootElement.GetProperty("articles")[0].GetProperty("matches")[0];
        Assert.False(match.TryGetProperty("score", out _));
        Assert.Equal("critical", match.GetProperty("severity").GetString());
        Assert.Equal("They declared a **state of emergency**.", match.GetProperty("snippets")[0].GetProperty("marked").GetString());
    }

    [Fact]
    public void Stored_analyses_keep_the_score_field_they_have_always_had()
    {
        var analysis = new ArticleAnalysis
        {
            Article = new Article { Id = "a1", Name = "a.txt", Format = ArticleFormat.Text, Body = "x" },
            Entities = [], Matches = [NewMatch("r", Severity.High, 0.5)], Extractor = "embedded", AnalyzedAt = DateTimeOffset.UnixEpoch,
        };

        var stored = AlertsJson.Serialize(analysis);

        Assert.Contains("\"score\":0.5", stored, StringComparison.Ordinal);
        Assert.Equal(0.5, AlertsJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(stored))!.Matches[0].Score);
    }
}
