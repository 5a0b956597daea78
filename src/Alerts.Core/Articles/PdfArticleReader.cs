using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Alerts.Articles;

/// <summary>
/// Reads the text layer of a PDF with PdfPig's layout analysis: letters into words (nearest neighbour), words into
/// paragraphs (Docstrum), paragraphs into reading order, so two columns read one after the other. Title and date come
/// from the Info dictionary or XMP metadata; a block in larger type or all bold is a heading.
/// </summary>
internal static partial class PdfArticleReader
{
    private const double HeadingSizeRatio = 1.15;
    private const int MaxHeadingLength = 200;

    private static readonly NearestNeighbourWordExtractor WordExtractor = new(new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions { MaxDegreeOfParallelism = 1 });
    private static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    public static ArticleDraft Read(ReadOnlySpan<byte> content)
    {
        var options = new ParsingOptions
        {
            UseLenientParsing = true,
            SkipMissingFonts = true,
            ClipPaths = false,
            FilterProvider = new PdfDecodeBudget(DocumentLimits.MaxPdfDecodedBytes),
        };
        try
        {
            using var pdf = PdfDocument.Open(content.ToArray(), options);
            if (pdf.NumberOfPages > DocumentLimits.MaxPdfPages)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"The PDF has {pdf.NumberOfPages:N0} pages; documents over {DocumentLimits.MaxPdfPages:N0} pages are not read.");
            }

            var blocks = ReadBlocks(pdf);
            if (blocks.Count == 0)
            {
                throw new ArticleParseException(ArticleParseReasons.PdfNoText, pdf.NumberOfPages == 1
                    ? "The PDF's page has no text layer: it is a scan or an image. Run it through OCR and upload the text."
                    : $"None of the PDF's {pdf.NumberOfPages:N0} pages has a text layer: it is a scan or images. Run it through OCR and upload the text.");
            }

            var (title, date) = Metadata(pdf);
            var bodySize = BodyFontSize(blocks);
            return DocumentDraft.Build([.. blocks.Select(b => new DocumentBlock(b.Text, IsHeading(b, bodySize)))], title, date);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new ArticleParseException(ArticleParseReasons.Encrypted,
                "The PDF is password-protected. Upload a copy without the password.", ex);
        }
        catch (Exception ex) when (ex is not (ArticleParseException or OutOfMemoryException or StackOverflowException))
        {
            // PdfPig reports broken structure with many exception types (format, index, null, cast); to the uploader it is one fact.
            throw new ArticleParseException(ArticleParseReasons.MalformedDocument,
                "The PDF cannot be read: its structure is broken or truncated.", ex);
        }
    }

    private sealed record PdfBlock(string Text, double FontSize, bool AllBold, int Lines);

    private static List<PdfBlock> ReadBlocks(PdfDocument pdf)
    {
        var clock = Stopwatch.StartNew();
        var blocks = new List<PdfBlock>();
        var length = 0;
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            if (clock.Elapsed > DocumentLimits.MaxReadTime)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"Reading the PDF took longer than {DocumentLimits.MaxReadTime.TotalSeconds:N0} seconds (page {number - 1:N0} of {pdf.NumberOfPages:N0}); it is not read further.");
            }
            var page = pdf.GetPage(number);
            var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            if (letters.Count == 0)
            {
                continue;
            }
            if (letters.Count > DocumentLimits.MaxLettersPerPage)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"Page {number:N0} of the PDF holds {letters.Count:N0} characters; pages over {DocumentLimits.MaxLettersPerPage:N0} are not read.");
            }
            length += letters.Count;
            if (length > DocumentLimits.MaxTextLength)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"The PDF holds more than {DocumentLimits.MaxTextLength:N0} characters of text; no article is that long.");
            }

            var words = WordExtractor.GetWords(letters).ToList();
            var textBlocks = Segmenter.GetBlocks(words);
            IEnumerable<TextBlock> ordered = textBlocks.Count <= DocumentLimits.MaxBlocksForReadingOrder
                ? UnsupervisedReadingOrderDetector.Instance.Get(textBlocks).OrderBy(b => b.ReadingOrder)
                : textBlocks.OrderByDescending(b => b.BoundingBox.Top).ThenBy(b => b.BoundingBox.Left);
            foreach (var block in ordered)
            {
                var text = BlockText(block);
                if (text.Length == 0 || PageNumber().IsMatch(text))
                {
                    continue;
                }
                var blockLetters = block.TextLines.SelectMany(l => l.Words).SelectMany(w => w.Letters).ToList();
                blocks.Add(new PdfBlock(
                    text,
                    blockLetters.Average(l => l.PointSize),
                    blockLetters.All(l => IsBold(l)),
                    block.TextLines.Count));
            }
        }
        return blocks;
    }

    /// <summary>The block's lines, one per line; a word hyphenated across a line break is joined again.</summary>
    private static string BlockText(TextBlock block)
    {
        var text = new StringBuilder();
        foreach (var line in block.TextLines)
        {
            var lineText = line.Text.Trim();
            if (lineText.Length == 0)
            {
                continue;
            }
            if (text.Length > 1 && text[^1] == '-' && char.IsLetter(text[^2]) && char.IsLower(lineText[0]))
            {
                text.Length--;
            }
            else if (text.Length > 0)
            {
                text.Append('\n');
            }
            text.Append(lineText);
        }
        return text.ToString();
    }

    private static bool IsBold(Letter letter) =>
        letter.FontDetails?.IsBold == true || (letter.FontName?.Contains("bold", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The type size most of the text is set in, weighted by length.</summary>
    private static double BodyFontSize(List<PdfBlock> blocks) =>
        blocks.GroupBy(b => Math.Round(b.FontSize, 1)).MaxBy(g => g.Sum(b => b.Text.Length))!.Key;

    private static bool IsHeading(PdfBlock block, double bodySize) =>
        block.Text.Length <= MaxHeadingLength && block.Lines <= 3
        && (block.FontSize >= bodySize * HeadingSizeRatio || (block.AllBold && block.Lines == 1));

    private static (string? Title, DateTimeOffset? Date) Metadata(PdfDocument pdf)
    {
        var info = pdf.Information;
        string? title = DocumentDraft.UsableTitle(info.Title);
        DateTimeOffset? date = null;
        try
        {
            date = DocumentDraft.UsableDate(info.GetCreatedDateTimeOffset()) ?? DocumentDraft.UsableDate(info.GetModifiedDateTimeOffset());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // A date string no reader agrees on is no date.
        }
        if ((title is null || date is null) && pdf.TryGetXmpMetadata(out var xmp))
        {
            var (xmpTitle, xmpDate) = ReadXmp(xmp);
            title ??= DocumentDraft.UsableTitle(xmpTitle);
            date ??= DocumentDraft.UsableDate(xmpDate);
        }
        return (title, date);
    }

    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";

    private static (string? Title, DateTimeOffset? Date) ReadXmp(XmpMetadata xmp)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1024 * 1024 };
            using var reader = XmlReader.Create(new MemoryStream(xmp.GetXmlBytes().ToArray(), writable: false), settings);
            var document = XDocument.Load(reader);
            var title = document.Descendants(Dc + "title").Select(t => t.Descendants().FirstOrDefault(e => e.Name.LocalName == "li")?.Value ?? t.Value).FirstOrDefault();
            var created = document.Descendants().Attributes(Xmp + "CreateDate").Select(a => a.Value)
                .Concat(document.Descendants(Xmp + "CreateDate").Select(e => e.Value))
                .FirstOrDefault();
            return (title, DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null);
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    [GeneratedRegex(@"^(page|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?(\s*(of|/)\s*\d{1,4})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();
}
