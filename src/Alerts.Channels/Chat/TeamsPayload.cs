using System.Text;
using System.Text.Json.Nodes;
using Alerts.Digests;
using Alerts.Rules;

namespace Alerts.Channels.Chat;

/// <summary>
/// A Teams message for a Workflows incoming webhook ("When a Teams webhook request is received"):
/// <c>{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null,
/// "content": AdaptiveCard 1.4}]}</c>. Article text goes only into <c>TextRun</c>s of <c>RichTextBlock</c>s, which
/// Teams shows as written (no Markdown); <c>TextBlock</c>s and facts carry only text made here. The message stays under
/// <see cref="MaxBytes"/> (Teams refuses messages over about 28 KB): articles past it become an "and N more" line.
/// </summary>
public static class TeamsPayload
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string CardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string CardVersion = "1.4";
    public const int MaxBytes = 24 * 1024;
    private const int MaxSnippetChars = 600;
    private const int MaxTitleChars = 300;

    // What the envelope, heading, "and N more" and unsubscribe take at most.
    private const int ReservedBytes = 3 * 1024;

    public static byte[] Build(ChatDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var body = new JsonArray
        {
            TextBlock(digest.Heading, size: "Large", weight: "Bolder"),
            TextBlock(digest.Window, subtle: true),
        };
        var used = 0;
        var shown = 0;
        foreach (var article in digest.Articles)
        {
            var container = Article(article);
            var size = ChatJson.ToUtf8(container).Length;
            if (used + size > MaxBytes - ReservedBytes)
            {
                break;
            }
            body.Add(container);
            used += size;
            shown++;
        }
        var more = digest.MoreArticles + digest.Articles.Count - shown;
        if (more > 0)
        {
            body.Add(TextBlock($"…and {ChatDigest.Count(more, "more article")}.", separator: true));
            if (ChatLinks.Safe(digest.MoreUrl) is { } moreUrl)
            {
                body.Add(ActionSet(OpenUrl("See all matches", moreUrl)));
            }
        }
        var actions = new JsonArray();
        if (ChatLinks.Safe(digest.UnsubscribeUrl) is { } unsubscribe)
        {
            actions.Add(OpenUrl("Unsubscribe", unsubscribe));
        }
        return ChatJson.ToUtf8(Message(body, actions));
    }

    /// <summary>The message a new subscription posts: it proves the URL works before the subscription is active.</summary>
    public static byte[] Subscribed(string heading, string details) => ChatJson.ToUtf8(Message(
        [
            TextBlock(heading, size: "Medium", weight: "Bolder"),
            Rich(Run(SlackText.Within(details, 2000, static s => s))),
        ],
        []));

    /// <summary>One article: linked headline, byline, severity and time, then each rule met with its snippets.</summary>
    public static JsonObject Article(DigestArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var items = new JsonArray
        {
            Rich(Run(Cut(ChatDigest.Title(article), MaxTitleChars), weight: "Bolder", size: "Medium")),
        };
        var byline = ChatDigest.Byline(article);
        if (byline.Length > 0)
        {
            items.Add(Rich(Run(Cut(byline, MaxTitleChars), subtle: true)));
        }
        // Copies of one story from other outlets are folded into this entry: say who else carried it.
        if (StoryGroups.AlsoReported(article.AlsoReportedBy) is { } also)
        {
            items.Add(Rich(Run(Cut(ChatDigest.OneLine(also), MaxTitleChars), subtle: true)));
        }
        items.Add(new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray
            {
                Fact("Severity", Severity(article.Severity) + (article.IsUpdate ? " (update)" : "")),
                Fact("Matched", ChatDigest.Format(article.MatchedAt)),
                Fact("Rules", article.Matches.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            },
        });
        foreach (var match in article.Matches)
        {
            items.Add(Rich(Run(Cut(ChatDigest.OneLine(match.Title), MaxTitleChars), weight: "Bolder"), Run($" ({Severity(match.Severity)})", subtle: true)));
            foreach (var snippet in match.Snippets)
            {
                items.Add(Snippet(snippet));
            }
        }
        if (ChatLinks.Safe(article.Url) is { } url)
        {
            items.Add(ActionSet(OpenUrl("Open article", url)));
        }
        return new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["spacing"] = "Medium",
            ["items"] = items,
        };
    }

    /// <summary>A snippet as runs, the words that met the rule highlighted; a long one is cut without highlights.</summary>
    private static JsonObject Snippet(Snippet snippet)
    {
        var text = ChatDigest.OneLine(snippet.Text);
        if (text.Length > MaxSnippetChars)
        {
            return Rich(Run(Cut(text, MaxSnippetChars), italic: true));
        }
        var runs = new List<JsonObject>();
        var at = 0;
        foreach (var h in snippet.Highlights.OrderBy(h => h.Offset))
        {
            if (h.Offset < at || h.Offset + h.Length > text.Length)
            {
                continue;
            }
            if (h.Offset > at)
            {
                runs.Add(Run(text[at..h.Offset], italic: true));
            }
            runs.Add(Run(text.Substring(h.Offset, h.Length), italic: true, weight: "Bolder", highlight: true));
            at = h.Offset + h.Length;
        }
        if (at < text.Length)
        {
            runs.Add(Run(text[at..], italic: true));
        }
        return Rich([.. runs]);
    }

    private static JsonObject Message(JsonArray body, JsonArray actions)
    {
        var card = new JsonObject
        {
            ["$schema"] = CardSchema,
            ["type"] = "AdaptiveCard",
            ["version"] = CardVersion,
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = CardContentType,
                    ["contentUrl"] = null,
                    ["content"] = card,
                },
            },
        };
    }

    private static JsonObject TextBlock(string text, string? size = null, string? weight = null, bool subtle = false, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }
        if (weight is not null)
        {
            block["weight"] = weight;
        }
        if (subtle)
        {
            block["isSubtle"] = true;
            block["spacing"] = "None";
        }
        if (separator)
        {
            block["separator"] = true;
        }
        return block;
    }

    private static JsonObject Rich(params JsonObject[] runs) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray([.. runs]),
    };

    private static JsonObject Run(string text, string? weight = null, string? size = null, bool subtle = false, bool italic = false, bool highlight = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (weight is not null)
        {
            run["weight"] = weight;
        }
        if (size is not null)
        {
            run["size"] = size;
        }
        if (subtle)
        {
            run["isSubtle"] = true;
        }
        if (italic)
        {
            run["italic"] = true;
        }
        if (highlight)
        {
            run["highlight"] = true;
        }
        return run;
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject ActionSet(JsonObject action) => new() { ["type"] = "ActionSet", ["actions"] = new JsonArray { action } };

    private static JsonObject OpenUrl(string title, string url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    private static string Severity(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1)] + "…";
}
