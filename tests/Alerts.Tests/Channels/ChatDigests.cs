using Alerts.Channels.Chat;
using Alerts.Digests;
using Alerts.Rules;

namespace Alerts.Tests.Channels;

/// <summary>Digests for the Teams and Slack payload tests: ordinary, hostile and very long ones.</summary>
internal static class ChatDigests
{
    public const string Hostile = "Alert <!channel> <@U024BE7LH> <https://evil.example|click> *bold* _it_ ~gone~ `code` [link](https://evil.example) <b>html</b> & more: state of emergency";

    public static readonly Uri More = new("https://alerts.test/api/rules/state-of-emergency/matches?from=a&to=b");
    public static readonly Uri Unsubscribe = new("https://alerts.test/api/unsubscribe?token=t0k3n");

    public static DigestArticle Article(int n, string? title = null, string? sentence = null, Uri? url = null)
    {
        sentence ??= $"Officials in city {n} declared a state of emergency on Monday.";
        var at = sentence.IndexOf("state of emergency", StringComparison.Ordinal);
        return new DigestArticle
        {
            ArticleId = $"a{n}",
            Title = title ?? $"Emergency declared in city {n}",
            Source = "Example News",
            PublishedAt = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero),
            Url = url ?? new Uri($"https://news.example/stories/{n}?a=1&b=2"),
            MatchedAt = new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero),
            Severity = Severity.Critical,
            Matches =
            [
                new RuleMatch
                {
                    Rule = "state-of-emergency", Title = "State of emergency declared", Severity = Severity.Critical, Score = 1,
                    Snippets = [new Snippet(sentence, at >= 0 ? [new Highlight(at, "state of emergency".Length)] : [])],
                },
            ],
        };
    }

    public static ChatDigest Of(IEnumerable<DigestArticle> articles, int more = 0, DigestKind kind = DigestKind.Scheduled) =>
        ChatDigest.From(new Digest
        {
            Id = "dg_1", SubscriptionId = "sub_1", Kind = kind,
            WindowStart = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
            WindowEnd = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero),
            CreatedAt = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero),
            Articles = [.. articles],
            MoreArticles = more,
        }, More, Unsubscribe);

    public static ChatDigest Many(int count, int sentenceLength = 0) => Of(Enumerable.Range(1, count).Select(n =>
        Article(n, sentence: sentenceLength == 0 ? null : $"In city {n} a state of emergency was declared. " + new string('x', sentenceLength))));
}
