using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alerts.Testing;

/// <summary>
/// The platforms' rules for what a Teams or Slack incoming webhook accepts, written out as checks. Each returns the
/// broken rules (empty when the payload is acceptable), so a failing test names them.
/// Teams (Workflows "When a Teams webhook request is received", Adaptive Cards schema): a <c>message</c> with one
/// <c>application/vnd.microsoft.card.adaptive</c> attachment whose <c>contentUrl</c> is null and whose content is an
/// <c>AdaptiveCard</c> of version 1.4 or 1.5 with the adaptivecards.io <c>$schema</c>, built only of the element and
/// action types the channel uses, each with its required fields and enum values, under Teams' 28 KB message size.
/// Slack (Block Kit, incoming webhooks): a <c>text</c> fallback and at most 50 blocks of header, section, context or
/// divider; header text plain_text of 1-150 characters; section text of 1-3000; context 1-10 text elements; and in
/// every text, <c>&lt;…&gt;</c> only as an http(s) link (never a mention such as <c>&lt;!channel&gt;</c> or
/// <c>&lt;@U…&gt;</c>), <c>&gt;</c> raw only as a line's quote mark, and <c>&amp;</c> only in the three entities.
/// </summary>
internal static partial class ChatSchemas
{
    public const int TeamsMaxBytes = 28 * 1024;

    private static readonly HashSet<string> Sizes = ["Default", "Small", "Medium", "Large", "ExtraLarge"];
    private static readonly HashSet<string> Weights = ["Default", "Lighter", "Bolder"];
    private static readonly HashSet<string> Spacings = ["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"];

    public static List<string> Teams(string body)
    {
        var problems = new List<string>();
        if (Encoding.UTF8.GetByteCount(body) > TeamsMaxBytes)
        {
            problems.Add($"message: {Encoding.UTF8.GetByteCount(body)} bytes, over {TeamsMaxBytes}");
        }
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Expect(problems, Str(root, "type") == "message", "type: must be \"message\"");
        if (!root.TryGetProperty("attachments", out var attachments) || attachments.ValueKind != JsonValueKind.Array || attachments.GetArrayLength() != 1)
        {
            problems.Add("attachments: must be an array of one card");
            return problems;
        }
        var attachment = attachments[0];
        Expect(problems, Str(attachment, "contentType") == "application/vnd.microsoft.card.adaptive", "attachments[0].contentType: must be application/vnd.microsoft.card.adaptive");
        Expect(problems, attachment.TryGetProperty("contentUrl", out var contentUrl) && contentUrl.ValueKind == JsonValueKind.Null, "attachments[0].contentUrl: must be null");
        if (!attachment.TryGetProperty("content", out var card) || card.ValueKind != JsonValueKind.Object)
        {
            problems.Add("attachments[0].content: must be an Adaptive Card object");
            return problems;
        }
        Expect(problems, Str(card, "type") == "AdaptiveCard", "card.type: must be AdaptiveCard");
        Expect(problems, Str(card, "$schema") == "http://adaptivecards.io/schemas/adaptive-card.json", "card.$schema: must be the adaptivecards.io schema");
        Expect(problems, Str(card, "version") is "1.4" or "1.5", "card.version: must be \"1.4\" or \"1.5\"");
        if (!card.TryGetProperty("body", out var cardBody) || cardBody.ValueKind != JsonValueKind.Array || cardBody.GetArrayLength() == 0)
        {
            problems.Add("card.body: must be a non-empty array");
        }
        else
        {
            Elements(cardBody, "body", problems);
        }
        if (card.TryGetProperty("actions", out var actions))
        {
            Actions(actions, "actions", problems);
        }
        return problems;
    }

    private static void Elements(JsonElement items, string path, List<string> problems)
    {
        var i = 0;
        foreach (var element in items.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            var type = Str(element, "type");
            Enums(element, at, problems);
            switch (type)
            {
                case "TextBlock":
                    Expect(problems, Str(element, "text") is { Length: > 0 }, $"{at}.text: required");
                    Expect(problems, element.TryGetProperty("wrap", out var wrap) && wrap.ValueKind == JsonValueKind.True, $"{at}.wrap: must be true so long text is not cut off");
                    break;
                case "RichTextBlock":
                    if (!element.TryGetProperty("inlines", out var inlines) || inlines.ValueKind != JsonValueKind.Array || inlines.GetArrayLength() == 0)
                    {
                        problems.Add($"{at}.inlines: must be a non-empty array");
                        break;
                    }
                    var r = 0;
                    foreach (var run in inlines.EnumerateArray())
                    {
                        var runAt = $"{at}.inlines[{r++}]";
                        Expect(problems, Str(run, "type") == "TextRun", $"{runAt}.type: must be TextRun");
                        Expect(problems, Str(run, "text") is { Length: > 0 }, $"{runAt}.text: required");
                        Enums(run, runAt, problems);
                    }
                    break;
                case "FactSet":
                    if (!element.TryGetProperty("facts", out var facts) || facts.ValueKind != JsonValueKind.Array || facts.GetArrayLength() == 0)
                    {
                        problems.Add($"{at}.facts: must be a non-empty array");
                        break;
                    }
                    foreach (var fact in facts.EnumerateArray())
                    {
                        Expect(problems, Str(fact, "title") is not null && Str(fact, "value") is not null, $"{at}.facts: each needs a title and a value string");
                    }
                    break;
                case "Container":
                    if (!element.TryGetProperty("items", out var children) || children.ValueKind != JsonValueKind.Array || children.GetArrayLength() == 0)
                    {
                        problems.Add($"{at}.items: must be a non-empty array");
                        break;
                    }
                    Elements(children, at + ".items", problems);
                    break;
                case "ActionSet":
                    if (!element.TryGetProperty("actions", out var set))
                    {
                        problems.Add($"{at}.actions: required");
                        break;
                    }
                    Actions(set, at + ".actions", problems);
                    break;
                default:
                    problems.Add($"{at}.type: '{type}' is not an element this card may use");
                    break;
            }
        }
    }

    private static void Actions(JsonElement actions, string path, List<string> problems)
    {
        if (actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            problems.Add($"{path}: must be a non-empty array");
            return;
        }
        var i = 0;
        foreach (var action in actions.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            Expect(problems, Str(action, "type") == "Action.OpenUrl", $"{at}.type: only Action.OpenUrl");
            Expect(problems, Str(action, "title") is { Length: > 0 }, $"{at}.title: required");
            Expect(problems, Uri.TryCreate(Str(action, "url"), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp),
                $"{at}.url: must be an absolute http(s) URL");
        }
    }

    private static void Enums(JsonElement element, string at, List<string> problems)
    {
        foreach (var (name, allowed) in new[] { ("size", Sizes), ("weight", Weights), ("spacing", Spacings) })
        {
            Expect(problems, Str(element, name) is not { } value || allowed.Contains(value), $"{at}.{name}: not one of {string.Join(", ", allowed)}");
        }
    }

    public static List<string> Slack(string body)
    {
        var problems = new List<string>();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (Str(root, "text") is not { Length: > 0 } fallback)
        {
            problems.Add("text: the notification fallback is required");
        }
        else
        {
            SlackText(fallback, "text", problems);
        }
        if (!root.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array || blocks.GetArrayLength() is 0 or > 50)
        {
            problems.Add("blocks: must be an array of 1 to 50 blocks");
            return problems;
        }
        var i = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var at = $"blocks[{i++}]";
            switch (Str(block, "type"))
            {
                case "header":
                    TextObject(block, "text", at + ".text", 150, plainOnly: true, problems);
                    break;
                case "section":
                    TextObject(block, "text", at + ".text", 3000, plainOnly: false, problems);
                    break;
                case "context":
                    if (!block.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() is 0 or > 10)
                    {
                        problems.Add($"{at}.elements: must be 1 to 10 elements");
                        break;
                    }
                    for (var e = 0; e < elements.GetArrayLength(); e++)
                    {
                        TextObject(elements[e], null, $"{at}.elements[{e}]", 3000, plainOnly: false, problems);
                    }
                    break;
                case "divider":
                    break;
                case var other:
                    problems.Add($"{at}.type: '{other}' is not a block this message may use");
                    break;
            }
        }
        return problems;
    }

    private static void TextObject(JsonElement parent, string? property, string at, int max, bool plainOnly, List<string> problems)
    {
        var text = property is null ? parent : parent.TryGetProperty(property, out var t) ? t : default;
        if (text.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: must be a text object");
            return;
        }
        var type = Str(text, "type");
        Expect(problems, type == "plain_text" || (!plainOnly && type == "mrkdwn"), $"{at}.type: '{type}' not allowed here");
        var value = Str(text, "text");
        if (value is not { Length: > 0 } || value.Length > max)
        {
            problems.Add($"{at}.text: must be 1 to {max} characters (is {value?.Length ?? 0})");
            return;
        }
        SlackText(value, at + ".text", problems);
    }

    private static void SlackText(string text, string at, List<string> problems)
    {
        foreach (Match control in Control().Matches(text))
        {
            var inside = control.Groups[1].Value;
            if (!Link().IsMatch(inside))
            {
                problems.Add($"{at}: '<{inside}>' is a control sequence, not an http(s) link");
            }
        }
        // What is left after the links, the three entities and the quote marks that start lines has no raw control character.
        var rest = QuoteMark().Replace(Control().Replace(text, ""), "")
            .Replace("&amp;", "", StringComparison.Ordinal).Replace("&lt;", "", StringComparison.Ordinal).Replace("&gt;", "", StringComparison.Ordinal);
        if (rest.IndexOfAny(['<', '>', '&']) >= 0)
        {
            problems.Add($"{at}: a raw '&', '<' or '>' outside a link");
        }
    }

    private static void Expect(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    private static string? Str(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^>", RegexOptions.Multiline)]
    private static partial Regex QuoteMark();

    [GeneratedRegex("<([^<>]*)>")]
    private static partial Regex Control();

    [GeneratedRegex(@"^https?://[^\s|<>]+(\|[^<>|]*)?$")]
    private static partial Regex Link();
}
