using System.Text;

namespace Alerts.Rules;

/// <summary>A sentence from the article and the spans in it that met the rule.</summary>
public sealed record Snippet(string Text, IReadOnlyList<Highlight> Highlights)
{
    /// <summary>The text with every highlight wrapped in <paramref name="open"/> and <paramref name="close"/>; the text is passed through <paramref name="encode"/> first.</summary>
    public string Mark(string open = "**", string close = "**", Func<string, string>? encode = null)
    {
        encode ??= static s => s;
        var builder = new StringBuilder();
        var at = 0;
        foreach (var h in Highlights.OrderBy(h => h.Offset))
        {
            if (h.Offset < at || h.Offset + h.Length > Text.Length)
            {
                continue;
            }
            builder.Append(encode(Text[at..h.Offset])).Append(open).Append(encode(Text.Substring(h.Offset, h.Length))).Append(close);
            at = h.Offset + h.Length;
        }
        return builder.Append(encode(Text[at..])).ToString();
    }

    /// <summary>The snippet in Markdown emphasis, for JSON and plain text.</summary>
    public string Marked => Mark();
}
