namespace Alerts.Articles;

public enum ArticleFormat
{
    Text,
    Markdown,
    Html,
    Json,
    Pdf,
    Docx,
}
