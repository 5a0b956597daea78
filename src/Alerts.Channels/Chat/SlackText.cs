using System.Text;

namespace Alerts.Channels.Chat;

/// <summary>
/// Text for Slack's mrkdwn. Slack reads <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as control characters (links,
/// mentions such as <c>&lt;!channel&gt;</c>), so article text has exactly those three turned into entities; its
/// mrkdwn emphasis characters are swapped for look-alikes so an article cannot bold, strike or code-format the message.
/// Links are only ever built here, from http(s) URLs.
/// </summary>
public static class SlackText
{
    /// <summary>Article text as mrkdwn that shows it as written and formats nothing.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '*' => "\u2217", // ∗ asterisk operator
                '_' => "\uFF3F", // ＿ fullwidth low line
                '~' => "\u223C", // ∼ tilde operator
                '`' => "\u02CB", // ˋ modifier letter grave accent
                _ when char.IsControl(c) && c != '\n' => " ",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    /// <summary>Plain text (header blocks, the notification fallback): only the three control characters.</summary>
    public static string EscapePlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ChatDigest.OneLine(text).Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary><c>&lt;url|label&gt;</c> for an http(s) URL; just the label otherwise.</summary>
    public static string Link(Uri? url, string escapedLabel)
    {
        if (ChatLinks.Safe(url) is not { } safe)
        {
            return escapedLabel;
        }
        // Inside <…> the URL ends at '|' or '>': those (and '<') are percent-encoded, '&' is an entity.
        var encoded = safe.Replace("&", "&amp;", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        return $"<{encoded}|{escapedLabel.Replace("|", "\u2223", StringComparison.Ordinal)}>";
    }

    /// <summary><paramref name="text"/> escaped by <paramref name="escape"/> in at most <paramref name="max"/> characters, cut with "…".</summary>
    public static string Within(string text, int max, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(escape);
        var escaped = escape(text);
        if (escaped.Length <= max)
        {
            return escaped;
        }
        // Cut the raw text, never the escaped one, so no entity is split.
        var keep = Math.Min(text.Length, max - 1);
        while (keep > 0)
        {
            var cut = text[..keep];
            if (char.IsHighSurrogate(cut[^1]))
            {
                cut = cut[..^1];
            }
            escaped = escape(cut) + "…";
            if (escaped.Length <= max)
            {
                return escaped;
            }
            keep -= Math.Max(1, escaped.Length - max);
        }
        return "…";
    }
}
