namespace Alerts.Articles;

/// <summary>An upload that cannot become an article. <see cref="Reason"/> is a stable code for tables and dashboards.</summary>
public sealed class ArticleParseException : Exception
{
    public ArticleParseException()
        : this(ArticleParseReasons.Unreadable, "The upload could not be read as an article.")
    {
    }

    public ArticleParseException(string message)
        : this(ArticleParseReasons.Unreadable, message)
    {
    }

    public ArticleParseException(string message, Exception innerException)
        : this(ArticleParseReasons.Unreadable, message, innerException)
    {
    }

    public ArticleParseException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
