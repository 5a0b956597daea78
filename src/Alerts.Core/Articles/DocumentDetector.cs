using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Alerts.Articles;

/// <summary>
/// Tells a PDF or Word upload from text before any text decoding, by its first bytes and then its name: a PDF named
/// .txt is still a PDF, and a ZIP is a Word document only when its <c>[Content_Types].xml</c> declares a WordprocessingML main part.
/// </summary>
internal static class DocumentDetector
{
    private const int PdfHeaderWindow = 1024;
    private const long MaxContentTypesBytes = 256 * 1024;

    private static readonly string[] WordMainPartTypes =
    [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ];

    /// <summary>The document format of the upload, or null when it is for the text readers.</summary>
    /// <exception cref="ArticleParseException">A ZIP or OLE file that is not a readable Word document, or a name that promises a format the bytes are not.</exception>
    public static ArticleFormat? Detect(string name, ReadOnlySpan<byte> content)
    {
        // The PDF header may follow a little junk; readers accept it within the first kilobyte.
        if (content[..Math.Min(content.Length, PdfHeaderWindow)].IndexOf("%PDF-"u8) >= 0)
        {
            return ArticleFormat.Pdf;
        }
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return DetectZip(content);
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw CompoundFile(content);
        }

        var extension = Path.GetExtension(name).ToUpperInvariant();
        if (extension == ".PDF")
        {
            throw new ArticleParseException(ArticleParseReasons.MalformedDocument,
                "The upload is named .pdf but is not a PDF: it does not start with %PDF-.");
        }
        if (extension is ".DOCX" or ".DOCM")
        {
            throw new ArticleParseException(ArticleParseReasons.MalformedDocument,
                $"The upload is named {extension.ToLowerInvariant()} but is not a Word document: it is not a ZIP package.");
        }
        return null;
    }

    private static ArticleFormat DetectZip(ReadOnlySpan<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > DocumentLimits.MaxZipEntries)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"The ZIP holds {zip.Entries.Count:N0} entries; Word documents over {DocumentLimits.MaxZipEntries:N0} are not read.");
            }
            var contentTypes = zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, "[Content_Types].xml", StringComparison.OrdinalIgnoreCase));
            if (contentTypes is null)
            {
                var odf = zip.GetEntry("mimetype") is not null;
                throw new ArticleParseException(ArticleParseReasons.Binary, odf
                    ? "The upload is an OpenDocument file, not a Word document. Save it as .docx or PDF."
                    : "The upload is a ZIP archive, not a Word document.");
            }
            if (contentTypes.Length > MaxContentTypesBytes)
            {
                throw new ArticleParseException(ArticleParseReasons.DocumentTooLarge,
                    $"The ZIP's [Content_Types].xml is {contentTypes.Length:N0} bytes; a Word document's is a few kilobytes.");
            }
            var types = ReadContentTypes(contentTypes);
            if (types.Any(t => WordMainPartTypes.Contains(t, StringComparer.OrdinalIgnoreCase)))
            {
                return ArticleFormat.Docx;
            }
            var what = types.Any(t => t.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase) || t.Contains("ms-excel", StringComparison.OrdinalIgnoreCase)) ? "an Excel workbook"
                : types.Any(t => t.Contains("presentationml", StringComparison.OrdinalIgnoreCase) || t.Contains("ms-powerpoint", StringComparison.OrdinalIgnoreCase)) ? "a PowerPoint presentation"
                : "an Office package without a Word document in it";
            throw new ArticleParseException(ArticleParseReasons.Binary, $"The upload is {what}, not a Word document or an article.");
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            throw new ArticleParseException(ArticleParseReasons.MalformedDocument,
                "The upload starts like a ZIP package (as a Word document does) but its contents cannot be read: it is truncated or corrupt.", ex);
        }
    }

    private static List<string> ReadContentTypes(ZipArchiveEntry entry)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxContentTypesBytes,
        };
        var types = new List<string>();
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "Override" or "Default" && reader.GetAttribute("ContentType") is { } type)
            {
                types.Add(type);
            }
        }
        return types;
    }

    /// <summary>
    /// An OLE compound file: a password-protected Office document (Office wraps the encrypted package in one),
    /// or a Word 97-2003 .doc and its kin.
    /// </summary>
    private static ArticleParseException CompoundFile(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0)
        {
            return new ArticleParseException(ArticleParseReasons.Encrypted,
                "The Word document is password-protected. Remove the password (File > Info > Protect Document) and upload it again.");
        }
        return new ArticleParseException(ArticleParseReasons.Binary,
            "The upload is a Word 97-2003 (.doc) or other legacy Office file. Save it as .docx or PDF.");
    }
}
