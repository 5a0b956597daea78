using System.Security.Cryptography;
using System.Text;

namespace Alerts.Articles;

/// <summary>Turns an upload (plain text, Markdown, HTML or JSON, any common encoding; PDF or Word) into an <see cref="Article"/>.</summary>
public static class ArticleParser
{
    public const int MaxTitleLength = 300;
    private const int MaxSourceLength = 120;

    /// <summary>Parses an upload. The format comes from the name's extension, or from the content when the extension says nothing.</summary>
    /// <exception cref="ArticleParseException">The upload is empty, binary, malformed or holds no article text.</exception>
    /// <param name="cancellationToken">Checked between the steps of reading and in the HTML reader's loops.</param>
    public static Article Parse(string name, ReadOnlySpan<byte> content, string language = "en", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (content.IsEmpty)
        {
            throw new ArticleParseException(ArticleParseReasons.Empty, "The upload is empty.");
        }

        // PDF and Word are told by their bytes before any text decoding.
        var document = DocumentDetector.Detect(name, content);
        var text = document is null ? TextDecoder.Decode(content, out _) : "";
        if (document is null && string.IsNullOrWhiteSpace(text))
        {
            throw new ArticleParseException(ArticleParseReasons.Empty, "The upload holds only whitespace.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var format = document ?? DetectFormat(name, text);
        var draft = format switch
        {
            ArticleFormat.Pdf => PdfArticleReader.Read(content),
            ArticleFormat.Docx => WordArticleReader.Read(content),
            ArticleFormat.Json => JsonArticleReader.Read(text, name),
            ArticleFormat.Html => HtmlArticleReader.Read(text, name, cancellationToken),
            ArticleFormat.Markdown => WireText.Parse(MarkdownText.ToPlainText(text)),
            _ => WireText.Parse(text),
        };

        cancellationToken.ThrowIfCancellationRequested();
        var body = NormalizeBody(draft.Body);
        if (body.Length == 0)
        {
            throw new ArticleParseException(ArticleParseReasons.NoContent,
                draft.Title is null ? "No article text was found in the upload." : $"The article \"{Truncate(draft.Title, 80)}\" has no body text.");
        }

        return new Article
        {
            Id = ComputeId(body),
            Name = name,
            Format = format,
            // A JSON or HTML title can be any length; a headline is not, and the title is copied into every match row.
            Title = draft.Title is null ? null : Truncate(draft.Title, MaxTitleLength),
            Source = draft.Source is null ? null : Truncate(draft.Source, MaxSourceLength),
            PublishedAt = draft.PublishedAt,
            Url = draft.Url,
            Credits = draft.Credits,
            Body = body,
            Language = language,
        };
    }

    public static ArticleFormat DetectFormat(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        switch (Path.GetExtension(name).ToUpperInvariant())
        {
            case ".JSON":
                return ArticleFormat.Json;
            case ".HTML" or ".HTM" or ".XHTML":
                return ArticleFormat.Html;
            case ".MD" or ".MARKDOWN":
                return ArticleFormat.Markdown;
            case ".TXT" or ".TEXT":
                return ArticleFormat.Text;
        }

        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("{"))
        {
            return ArticleFormat.Json;
        }
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith("<") && text.Contains("</p>", StringComparison.OrdinalIgnoreCase)))
        {
            return ArticleFormat.Html;
        }
        return ArticleFormat.Text;
    }

    /// <summary>
    /// Paragraphs separated by one blank line, runs of spaces folded, Unicode in NFC: the form the id is computed on,
    /// so line endings, indentation or a re-save in another encoding do not make a new article.
    /// </summary>
    public static string NormalizeBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Normalize(NormalizationForm.FormC).Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        // Without blank lines, a text pasted one paragraph per line still has paragraphs: a line that
        // ends a sentence ends a paragraph. With blank lines, single breaks are just wrapping.
        var blankSeparated = lines.SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Any(l => l.Length == 0);
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (!blankSeparated && current.Length > 0 && EndsSentence(current))
            {
                Flush();
            }
            if (current.Length > 0)
            {
                current.Append(' ');
            }
            current.Append(line);
        }
        Flush();
        return string.Join("\n\n", paragraphs);

        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static bool EndsSentence(StringBuilder paragraph) => paragraph[^1] is '.' or '?' or '!' or '"' or '\u201D' or '\u2019' or ':';

    public static string ComputeId(string normalizedBody)
    {
        ArgumentNullException.ThrowIfNull(normalizedBody);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedBody)));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
