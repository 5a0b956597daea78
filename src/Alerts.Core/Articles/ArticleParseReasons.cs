namespace Alerts.Articles;

/// <summary>Stable codes recorded when an upload is refused.</summary>
public static class ArticleParseReasons
{
    public const string Empty = "empty";
    public const string TooLarge = "too-large";
    public const string Binary = "binary";
    public const string Encoding = "encoding";
    public const string MalformedJson = "json-malformed";
    public const string JsonShape = "json-shape";
    public const string NoContent = "no-content";
    public const string HtmlTooDeep = "html-too-deep";

    /// <summary>An HTML page with far more tags or attributes than any article page: refused before parsing.</summary>
    public const string HtmlTooComplex = "html-too-complex";

    /// <summary>Reading or analysing the article ran past the time limit (<c>Alerts__Analysis__TimeLimit</c>).</summary>
    public const string TooComplex = "too-complex";
    public const string Unreadable = "unreadable";

    /// <summary>A PDF whose pages hold no text layer: a scan or a picture of a page.</summary>
    public const string PdfNoText = "pdf-no-text";

    /// <summary>A password-protected PDF or Word document.</summary>
    public const string Encrypted = "encrypted";

    /// <summary>A PDF or Word document whose structure cannot be read (truncated, corrupt, or named for a format it is not).</summary>
    public const string MalformedDocument = "malformed-document";

    /// <summary>A PDF or Word document over the bounds in <see cref="DocumentLimits"/> (pages, unpacked size, text, time): a zip or stream bomb among them.</summary>
    public const string DocumentTooLarge = "document-too-large";
}
