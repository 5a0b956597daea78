using Alerts.Articles;

namespace Alerts.Stories;

/// <summary>The outlet that published an article, as readers name it: the site of its source URL, or its source line.</summary>
public static class Outlets
{
    public static string? Of(Uri? url, string? source)
    {
        if (url is { Host: { Length: > 0 } host })
        {
            return host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..].ToLowerInvariant() : host.ToLowerInvariant();
        }
        return string.IsNullOrWhiteSpace(source) ? null : source.Trim();
    }

    public static string? Of(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Of(article.Url, article.Source);
    }
}
