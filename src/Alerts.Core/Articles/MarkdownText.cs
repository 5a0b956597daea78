using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Alerts.Articles;

/// <summary>
/// Renders Markdown (CommonMark and pipe tables, parsed by Markdig) to the words a reader sees, so the wire-story reader
/// can take over: one block per paragraph (headings, paragraphs, list items, table rows, code), links as their text,
/// images and raw HTML dropped.
/// </summary>
internal static class MarkdownText
{
    /// <summary>Quotes in quotes, lists in lists: deeper than this, no article is, and the upload is refused.</summary>
    private const int MaxDepth = 64;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <exception cref="ArticleParseException">The Markdown nests too deeply to be an article.</exception>
    public static string ToPlainText(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig's own nesting limit (emphasis, links, brackets), there to keep the parser off a stack overflow.
            throw TooDeep(ex);
        }
        var blocks = new List<string>();
        AddBlocks(document, blocks, 0);
        return string.Join("\n\n", blocks);
    }

    private static ArticleParseException TooDeep(Exception? inner = null) =>
        new(ArticleParseReasons.Unreadable, $"The Markdown nests quotes, lists or emphasis too deeply (more than {MaxDepth} levels); no article does.", inner);

    private static void AddBlocks(ContainerBlock container, List<string> blocks, int depth)
    {
        if (depth > MaxDepth)
        {
            throw TooDeep();
        }
        foreach (var block in container)
        {
            switch (block)
            {
                case Table table:
                    // One line per row, cells apart, so a row reads as one line of facts.
                    AddText(blocks, string.Join('\n', table.OfType<TableRow>().Select(row =>
                        string.Join(" | ", row.OfType<TableCell>().Select(cell => CellText(cell, depth + 1)).Where(c => c.Length > 0)))));
                    break;
                case ListBlock list:
                    // Items (nested ones too) one per line, the list one block.
                    var items = new List<string>();
                    foreach (var item in list.OfType<ContainerBlock>())
                    {
                        AddBlocks(item, items, depth + 1);
                    }
                    AddText(blocks, string.Join('\n', items));
                    break;
                case ContainerBlock inner:
                    // Quotes and any other container: their blocks, in order.
                    AddBlocks(inner, blocks, depth + 1);
                    break;
                case HtmlBlock:
                case ThematicBreakBlock:
                    break;
                case CodeBlock code:
                    AddText(blocks, code.Lines.ToString());
                    break;
                case LeafBlock { Inline: { } inline }:
                    AddText(blocks, InlineText(inline));
                    break;
            }
        }
    }

    private static string CellText(TableCell cell, int depth)
    {
        var parts = new List<string>();
        AddBlocks(cell, parts, depth);
        return string.Join(' ', parts);
    }

    private static void AddText(List<string> blocks, string text)
    {
        text = text.Trim();
        if (text.Length > 0)
        {
            blocks.Add(text);
        }
    }

    private static string InlineText(ContainerInline container)
    {
        var text = new StringBuilder();
        // Depth-first with an explicit stack: emphasis can nest as deep as the input likes.
        var pending = new Stack<Inline>();
        PushChildren(container, pending);
        while (pending.TryPop(out var inline))
        {
            switch (inline)
            {
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline children:
                    // Links as their text; emphasis as its words.
                    PushChildren(children, pending);
                    break;
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString();
    }

    private static void PushChildren(ContainerInline container, Stack<Inline> pending)
    {
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
        {
            pending.Push(child);
        }
    }
}
