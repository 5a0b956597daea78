using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Alerts.Articles;

/// <summary>
/// Reads a Word document (.docx) with the Open XML SDK: the body's paragraphs in order, headings by their style
/// (Title, Heading 1-9 or an outline level), each table row as one line of cell texts. Title and date come from the
/// core properties. Headers, footers, comments and tracked deletions are not article text.
/// </summary>
internal static class WordArticleReader
{
    // Not " | ": a line of pipes reads as a site menu and is dropped as boilerplate.
    private const string CellSeparator = "; ";

    public static ArticleDraft Read(ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        ZipBombGuard.Check(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = DocumentLimits.MaxUnpackedBytes });
            var main = document.MainDocumentPart;
            var body = main?.Document?.Body
                ?? throw new ArticleParseException(ArticleParseReasons.MalformedDocument, "The Word document has no main document body.");

            var reader = new BodyReader(HeadingStyles(main.StyleDefinitionsPart?.Styles));
            reader.ReadContainer(body);
            if (reader.Blocks.Count == 0)
            {
                throw new ArticleParseException(ArticleParseReasons.NoContent, "The Word document has no text in its body.");
            }

            var properties = document.PackageProperties;
            var date = properties.Created ?? properties.Modified;
            var title = reader.Blocks.FirstOrDefault(b => b.IsTitle)?.Text;
            return DocumentDraft.Build(
                [.. reader.Blocks.Select(b => new DocumentBlock(b.Text, b.IsHeading || b.IsTitle))],
                DocumentDraft.UsableTitle(properties.Title) ?? title,
                date is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or FileFormatException or InvalidOperationException)
        {
            throw new ArticleParseException(ArticleParseReasons.MalformedDocument,
                "The Word document cannot be read: a part of it is missing or is not valid WordprocessingML.", ex);
        }
    }

    private sealed record WordBlock(string Text, bool IsHeading, bool IsTitle);

    private enum HeadingKind
    {
        Title,
        Heading,
    }

    /// <summary>Style ids that are headings: by name ("heading 1", "Title", also in a localised id) or by outline level, following basedOn.</summary>
    private static Dictionary<string, HeadingKind> HeadingStyles(Styles? styles)
    {
        var byId = styles?.Elements<Style>().Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) ?? [];
        var result = new Dictionary<string, HeadingKind>(StringComparer.Ordinal);
        foreach (var (id, style) in byId)
        {
            var current = style;
            for (var depth = 0; current is not null && depth < 10; depth++)
            {
                var name = current.StyleName?.Val?.Value ?? "";
                if (name.Equals("title", StringComparison.OrdinalIgnoreCase))
                {
                    result[id] = HeadingKind.Title;
                    break;
                }
                if (name.StartsWith("heading", StringComparison.OrdinalIgnoreCase) || current.StyleParagraphProperties?.OutlineLevel?.Val?.Value is < 9)
                {
                    result[id] = HeadingKind.Heading;
                    break;
                }
                current = current.BasedOn?.Val?.Value is { } parent && byId.TryGetValue(parent, out var p) ? p : null;
            }
        }
        return result;
    }

    private sealed class BodyReader(Dictionary<string, HeadingKind> headingStyles)
    {
        private int length;

        public List<WordBlock> Blocks { get; } = [];

        public void ReadContainer(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case Paragraph paragraph:
                        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                        var kind = styleId is not null && headingStyles.TryGetValue(styleId, out var k) ? k : (HeadingKind?)null;
                        var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is < 9;
                        Add(ParagraphText(paragraph), kind == HeadingKind.Heading || outline, kind == HeadingKind.Title);
                        break;
                    case Table table:
                        foreach (var row in table.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == table))
                        {
                            var cells = row.Descendants<TableCell>().Where(c => c.Ancestors<TableRow>().First() == row)
                                .Select(c => string.Join(' ', c.Descendants<Paragraph>().Select(ParagraphText).Where(t => t.Length > 0)))
                                .Where(t => t.Length > 0);
                            Add(string.Join(CellSeparator, cells), isHeading: false, isTitle: false);
                        }
                        break;
                    case SdtBlock or CustomXmlBlock or SdtContentBlock:
                        // Content controls and custom XML wrap ordinary paragraphs and tables.
                        ReadContainer(child is SdtBlock sdt ? (OpenXmlElement?)sdt.SdtContentBlock ?? sdt : child);
                        break;
                }
            }
        }

        private void Add(string text, bool isHeading, bool isTitle)
        {
            text = text.Trim();
            if (text.Length == 0)
            {
                return;
            }
            length += text.Length;
            if (length > DocumentLimits.MaxTextLength)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"The Word document holds more than {DocumentLimits.MaxTextLength:N0} characters of text; no article is that long.");
            }
            Blocks.Add(new WordBlock(text, isHeading, isTitle));
        }

        /// <summary>The visible text of a paragraph: runs, tabs and breaks, not field codes, deletions or the fallback copy of a text box.</summary>
        private static string ParagraphText(Paragraph paragraph)
        {
            var text = new StringBuilder();
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case DocumentFormat.OpenXml.Wordprocessing.Text t when !element.Ancestors<AlternateContentFallback>().Any():
                        text.Append(t.Text);
                        break;
                    case TabChar or PositionalTab:
                        text.Append(' ');
                        break;
                    case Break or CarriageReturn:
                        text.Append('\n');
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                }
            }
            return text.ToString();
        }
    }
}
