using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Alerts.Testing;

/// <summary>
/// PDF and Word documents made in the test, from a decree written for these tests: a title heading, numbered articles
/// under their own headings, a table of measures, metadata title and date. <paramref name="reference"/> makes each copy
/// a document of its own.
/// </summary>
internal static class TestDocuments
{
    public const string Title = "Decree on the Introduction of a State of Emergency in Almaty Region";
    public static readonly DateTimeOffset Date = new(2022, 1, 5, 9, 30, 0, TimeSpan.Zero);

    public enum Kind
    {
        Heading,
        Subheading,
        Paragraph,
        Row,
    }

    public sealed record Block(Kind Kind, params string[] Text);

    public static IReadOnlyList<Block> Decree(string reference) =>
    [
        new(Kind.Heading, Title),
        new(Kind.Paragraph, "In accordance with the Constitution and the Law on the State of Emergency, and in view of mass riots that threaten the lives and safety of citizens, I hereby decree:"),
        new(Kind.Subheading, "Article 1"),
        new(Kind.Paragraph, "A state of emergency is declared in the city of Almaty and in Almaty Region from 00:00 on 5 January 2022 until 00:00 on 19 January 2022."),
        new(Kind.Subheading, "Article 2"),
        new(Kind.Paragraph, "The following temporary measures are introduced for the duration of the state of emergency:"),
        new(Kind.Row, "Measure", "Area", "Hours"),
        new(Kind.Row, "Curfew", "Almaty city", "23:00 to 07:00"),
        new(Kind.Row, "Checkpoints on roads", "Almaty Region", "At all times"),
        new(Kind.Subheading, "Article 3"),
        new(Kind.Paragraph, $"This decree enters into force on the day of its signing. Registry reference {reference}."),
    ];

    /// <summary>The decree as a PDF of two pages (Article 3 on the second), each with a page number at its foot.</summary>
    public static byte[] DecreePdf(string reference, bool metadata = true)
    {
        var builder = new PdfDocumentBuilder();
        if (metadata)
        {
            builder.DocumentInformation.Title = Title;
            builder.DocumentInformation.CreationDate = "D:20220105093000Z";
        }
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var blocks = Decree(reference);
        var page = builder.AddPage(595, 842);
        var y = 780.0;
        var pageNumber = 1;
        foreach (var block in blocks)
        {
            if (block is { Kind: Kind.Subheading, Text: ["Article 3"] })
            {
                page.AddText(pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), 9, new PdfPoint(295, 40), regular);
                page = builder.AddPage(595, 842);
                pageNumber++;
                y = 780;
            }
            switch (block.Kind)
            {
                case Kind.Heading:
                    foreach (var line in Wrap(block.Text[0], 48))
                    {
                        page.AddText(line, 16, new PdfPoint(60, y), bold);
                        y -= 20;
                    }
                    y -= 14;
                    break;
                case Kind.Subheading:
                    page.AddText(block.Text[0], 13, new PdfPoint(60, y), bold);
                    y -= 26;
                    break;
                case Kind.Paragraph:
                    y = Paragraph(page, regular, block.Text[0], 60, y, 80);
                    break;
                case Kind.Row:
                    for (var c = 0; c < block.Text.Length; c++)
                    {
                        page.AddText(block.Text[c], 11, new PdfPoint(60 + (c * 170), y), c == 0 && block == blocks.First(b => b.Kind == Kind.Row) ? bold : regular);
                    }
                    y -= 18;
                    if (block == blocks.Last(b => b.Kind == Kind.Row))
                    {
                        y -= 14;
                    }
                    break;
            }
        }
        page.AddText(pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), 9, new PdfPoint(295, 40), regular);
        return builder.Build();
    }

    /// <summary>A one-page PDF with two columns of paragraphs, each column drawn from the top.</summary>
    public static byte[] TwoColumnPdf(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        foreach (var (column, x) in new[] { (left, 50.0), (right, 320.0) })
        {
            var y = 780.0;
            foreach (var paragraph in column)
            {
                y = Paragraph(page, font, paragraph, x, y, 42);
            }
        }
        return builder.Build();
    }

    /// <summary>A PDF whose pages carry only drawn shapes, as a scan carries only an image: no text layer.</summary>
    public static byte[] PdfWithoutText(int pages = 2)
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++)
        {
            var page = builder.AddPage(595, 842);
            page.DrawRectangle(new PdfPoint(60, 100), 475, 640, 2, fill: true);
        }
        return builder.Build();
    }

    public static byte[] PdfWithPages(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i < pages; i++)
        {
            builder.AddPage(595, 842).AddText("A state of emergency is declared.", 11, new PdfPoint(60, 780), font);
        }
        return builder.Build();
    }

    private static double Paragraph(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string text, double x, double y, int width)
    {
        foreach (var line in Wrap(text, width))
        {
            page.AddText(line, 11, new PdfPoint(x, y), font);
            y -= 14;
        }
        return y - 12;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0)
            {
                line.Append(' ');
            }
            line.Append(word);
        }
        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>
    /// A PDF written by hand (offsets computed) whose one page is a Flate stream of <paramref name="inflatedBytes"/>
    /// spaces: a few hundred kilobytes that expand to whatever is asked.
    /// </summary>
    public static byte[] PdfStreamBomb(long inflatedBytes)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (long written = 0; written < inflatedBytes; written += chunk.Length)
            {
                zlib.Write(chunk, 0, (int)Math.Min(chunk.Length, inflatedBytes - written));
            }
        }
        return HandWrittenPdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            ],
            (compressed.ToArray(), "/Filter /FlateDecode"),
            trailerExtra: "");
    }

    /// <summary>
    /// A PDF encrypted with the standard security handler (RC4, revision 3) under a user password that is not empty:
    /// the /U entry matches no password a reader can try, so it cannot be opened without one.
    /// </summary>
    public static byte[] EncryptedPdf() => HandWrittenPdf(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + new string('7', 64) + "> /U <" + new string('3', 64) + "> >>",
        ],
        (Encoding.ASCII.GetBytes("BT /F1 12 Tf 60 780 Td (A state of emergency is declared.) Tj ET"), ""),
        trailerExtra: " /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]");

    private static byte[] HandWrittenPdf(string[] objects, (byte[] Data, string Dictionary) content, string trailerExtra)
    {
        var output = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => output.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var contentNumber = 4;
        var listed = objects.ToList();
        if (listed.Count > 3)
        {
            // Object 4 is the /Encrypt dictionary; the content stream becomes object 5 and the page points at it.
            contentNumber = 5;
            listed[2] = listed[2].Replace("/Contents 4 0 R", "/Contents 5 0 R", StringComparison.Ordinal);
        }
        for (var i = 0; i < listed.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{listed[i]}\nendobj\n");
        }
        offsets.Add(output.Position);
        Write($"{contentNumber} 0 obj\n<< /Length {content.Data.Length} {content.Dictionary} >>\nstream\n");
        output.Write(content.Data);
        Write("\nendstream\nendobj\n");
        var xref = output.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>The decree as a Word document: Title and Heading styles, the measures as a table, core properties.</summary>
    public static byte[] DecreeDocx(string reference, bool metadata = true)
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                Style("Normal", "Normal"),
                Style("Title", "Title"),
                Style("Heading1", "heading 1"),
                Style("Heading2", "heading 2"));
            var body = new Body();
            Table? table = null;
            foreach (var block in Decree(reference))
            {
                if (block.Kind == Kind.Row)
                {
                    if (table is null)
                    {
                        table = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }));
                        body.Append(table);
                    }
                    table.Append(new TableRow([.. block.Text.Select(c => new TableCell(new Paragraph(new Run(new W.Text(c)))))]));
                    continue;
                }
                table = null;
                var style = block.Kind switch
                {
                    Kind.Heading => "Title",
                    Kind.Subheading => "Heading1",
                    _ => null,
                };
                body.Append(Para(block.Text[0], style));
            }
            main.Document = new Document(body);
            if (metadata)
            {
                document.PackageProperties.Title = Title;
                document.PackageProperties.Created = Date.UtcDateTime;
                document.PackageProperties.Modified = Date.UtcDateTime.AddHours(2);
            }
        }
        return stream.ToArray();
    }

    public static Paragraph Para(string text, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }
        return paragraph;
    }

    private static Style Style(string id, string name) =>
        new(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };

    /// <summary>A ZIP with the given entries, each <c>(name, bytes)</c>.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }
        return stream.ToArray();
    }

    public static byte[] ContentTypes(string mainType) => Encoding.UTF8.GetBytes(
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="{mainType}"/></Types>""");

    /// <summary>A Word document whose body is padded with <paramref name="padding"/> bytes of whitespace: it packs a thousandfold.</summary>
    public static byte[] DocxBomb(int padding) =>
        RewriteDocumentXml(DecreeDocx("bomb"), xml => xml.Replace("<w:body>", "<w:body>" + new string(' ', padding), StringComparison.Ordinal));

    /// <summary>The decree as a Word document whose main part declares a billion-laughs entity in a DTD and uses it in a paragraph.</summary>
    public static byte[] DocxEntityBomb()
    {
        var entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        }
        return RewriteDocumentXml(DecreeDocx("laughs"), xml => xml
            .Replace("<w:document ", $"<!DOCTYPE w:document [{entities}]><w:document ", StringComparison.Ordinal)
            .Replace("I hereby decree:", "I hereby decree: &lol9;", StringComparison.Ordinal));
    }

    private static byte[] RewriteDocumentXml(byte[] docx, Func<string, string> rewrite)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open());
            writer.Write(rewrite(xml));
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A password-protected Office document as Office writes one: an OLE compound file (magic D0 CF 11 E0) whose
    /// directory names the EncryptionInfo and EncryptedPackage streams. Only the parts a reader looks at are filled in.
    /// </summary>
    public static byte[] EncryptedDocx()
    {
        var file = new byte[512 * 4];
        byte[] magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        magic.CopyTo(file, 0);
        file[0x1A] = 3; // major version 3: 512-byte sectors
        file[0x1C] = 0xFE;
        file[0x1D] = 0xFF;
        file[0x1E] = 9;
        var directory = 512 * 2;
        foreach (var (name, slot) in new[] { ("Root Entry", 0), ("EncryptionInfo", 1), ("EncryptedPackage", 2) })
        {
            var bytes = Encoding.Unicode.GetBytes(name + "\0");
            bytes.CopyTo(file, directory + (slot * 128));
            file[directory + (slot * 128) + 64] = (byte)bytes.Length;
            file[directory + (slot * 128) + 66] = (byte)(slot == 0 ? 5 : 2);
        }
        return file;
    }

    /// <summary>A Word 97-2003 document's first bytes: the same compound-file magic, no encryption streams.</summary>
    public static byte[] LegacyDoc()
    {
        var file = EncryptedDocx();
        var directory = 512 * 2;
        Array.Clear(file, directory + 128, 256);
        Encoding.Unicode.GetBytes("WordDocument\0").CopyTo(file, directory + 128);
        return file;
    }
}
