using System.Text;
using System.Text.Json.Nodes;
using Alerts.Digests;

namespace Alerts.Channels.Chat;

/// <summary>
/// A Slack incoming-webhook message (Block Kit): <c>{"text": fallback, "blocks": [header, context, section…]}</c>
/// within Slack's limits: at most <see cref="MaxBlocks"/> blocks, header text <see cref="MaxHeaderChars"/>, section
/// and context text <see cref="MaxTextChars"/>. Articles past the limits become an "and N more" line with a link.
/// Every mrkdwn text is <c>verbatim</c>, so Slack turns no bare URL, channel name or mention into a link.
/// </summary>
public static class SlackPayload
{
    public const int MaxBlocks = 50;
    public const int MaxHeaderChars = 150;
    public const int MaxTextChars = 3000;
    private const int MaxSnippetChars = 600;

    // header, window, "and N more", footer
    private const int FixedBlocks = 4;

    public static byte[] Build(ChatDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var blocks = new JsonArray
        {
            Header(digest.Heading),
            Context(SlackText.EscapePlain(digest.Window)),
        };
        var shown = 0;
        foreach (var article in digest.Articles)
        {
            // Each article is a divider and a section; the fixed blocks always fit.
            if (blocks.Count + 2 > MaxBlocks - (FixedBlocks - 2))
            {
                break;
            }
            blocks.Add(new JsonObject { ["type"] = "divider" });
            blocks.Add(Section(ArticleText(article)));
            shown++;
        }
        var more = digest.MoreArticles + digest.Articles.Count - shown;
        if (more > 0)
        {
            var line = $"…and {ChatDigest.Count(more, "more article")}.";
            blocks.Add(Section(digest.MoreUrl is null ? line : $"{line} {SlackText.Link(digest.MoreUrl, "See all matches")}"));
        }
        if (digest.UnsubscribeUrl is not null)
        {
            blocks.Add(Context($"You get these alerts because this channel was subscribed to Alerts. {SlackText.Link(digest.UnsubscribeUrl, "Unsubscribe")}"));
        }
        var payload = new JsonObject
        {
            ["text"] = Fallback(digest),
            ["blocks"] = blocks,
        };
        return ChatJson.ToUtf8(payload);
    }

    /// <summary>The message a new subscription posts: it proves the URL works before the subscription is active.</summary>
    public static byte[] Subscribed(string heading, string details)
    {
        var payload = new JsonObject
        {
            ["text"] = SlackText.Within(ChatDigest.OneLine(heading), MaxTextChars, SlackText.Escape),
            ["blocks"] = new JsonArray
            {
                Header(heading),
                Section(SlackText.Within(details, MaxTextChars, SlackText.Escape)),
            },
        };
        return ChatJson.ToUtf8(payload);
    }

    /// <summary>The article as one section: linked headline, byline and severity, then each rule with its snippets.</summary>
    public static string ArticleText(DigestArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = new StringBuilder();
        var title = SlackText.Within(ChatDigest.Title(article), 300, SlackText.Escape);
        text.Append('*').Append(SlackText.Link(article.Url, title)).Append('*');
        var byline = ChatDigest.Byline(article);
        text.Append('\n').Append(byline.Length > 0 ? SlackText.Within(byline, 300, SlackText.Escape) + " · " : "")
            .Append(Severity(article.Severity)).Append(article.IsUpdate ? " · update" : "").Append(" · matched ").Append(ChatDigest.Format(article.MatchedAt));
        // Copies of one story from other outlets are folded into this entry: say who else carried it.
        if (StoryGroups.AlsoReported(article.AlsoReportedBy) is { } also)
        {
            text.Append('\n').Append(SlackText.Within(ChatDigest.OneLine(also), 500, SlackText.Escape));
        }
        foreach (var match in article.Matches)
        {
            var ruleLine = $"\n*{SlackText.Within(ChatDigest.OneLine(match.Title), 200, SlackText.Escape)}* ({Severity(match.Severity)})";
            if (!TryAppend(text, ruleLine))
            {
                break;
            }
            foreach (var snippet in match.Snippets)
            {
                var marked = snippet.Mark("*", "*", SlackText.Escape);
                var line = "\n>" + (marked.Length <= MaxSnippetChars ? marked.Replace("\n", " ", StringComparison.Ordinal)
                    : SlackText.Within(ChatDigest.OneLine(snippet.Text), MaxSnippetChars, SlackText.Escape));
                TryAppend(text, line);
            }
        }
        return text.ToString();
    }

    private static bool TryAppend(StringBuilder text, string line)
    {
        // One character is kept for the "…" that says something was left out.
        if (text.Length + line.Length > MaxTextChars - 1)
        {
            if (text.Length < MaxTextChars && text[^1] != '…')
            {
                text.Append('…');
            }
            return false;
        }
        text.Append(line);
        return true;
    }

    private static string Severity(Alerts.Rules.Severity severity) => severity.ToString().ToLowerInvariant();

    private static string Fallback(ChatDigest digest)
    {
        var first = digest.Articles.Count > 0 ? ChatDigest.Title(digest.Articles[0]) : null;
        var text = first is null ? digest.Heading : $"{digest.Heading}: {first}";
        // Shown as mrkdwn where blocks cannot be (notifications, old clients): escaped as fully as a section.
        return SlackText.Within(ChatDigest.OneLine(text), MaxTextChars, SlackText.Escape);
    }

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject
        {
            ["type"] = "plain_text",
            ["text"] = SlackText.Within(text, MaxHeaderChars, SlackText.EscapePlain),
            ["emoji"] = false,
        },
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(mrkdwn),
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { Mrkdwn(mrkdwn) },
    };

    private static JsonObject Mrkdwn(string text) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = text,
        ["verbatim"] = true,
    };
}
