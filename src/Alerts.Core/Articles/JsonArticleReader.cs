using System.Text.Json;

namespace Alerts.Articles;

/// <summary>
/// Reads a JSON article: <c>title</c>, <c>body</c> or <c>content</c> (text or HTML), <c>url</c>,
/// <c>source</c> (a name or an object with <c>name</c>) and <c>publishedAt</c>.
/// </summary>
internal static class JsonArticleReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 32,
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static ArticleDraft Read(string json, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new ArticleParseException(ArticleParseReasons.MalformedJson, $"The JSON is malformed{where}: {FirstSentence(ex.Message)}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArticleParseException(ArticleParseReasons.JsonShape, $"The JSON must be an object with title and body; it is {Kind(root.ValueKind)}.");
            }

            var title = String(root, "title", "headline");
            var body = String(root, "body", "content", "text", "articleBody")
                ?? throw new ArticleParseException(ArticleParseReasons.JsonShape, "The JSON has no 'body' or 'content' text.");
            var url = String(root, "url", "link");
            var published = String(root, "publishedAt", "published_at", "datePublished", "date");
            var source = Source(root);

            var draft = LooksLikeHtml(body) ? HtmlArticleReader.Read(body, name) : WireText.ParseBody(body);
            return draft with
            {
                Title = title ?? draft.Title,
                Source = source ?? draft.Source,
                PublishedAt = PublicationDate.Parse(published) ?? draft.PublishedAt,
                Url = ArticleUrl.Validate(url) ?? draft.Url,
            };
        }
    }

    private static string? Source(JsonElement root)
    {
        foreach (var key in new[] { "source", "outlet", "publisher" })
        {
            if (!TryGet(root, key, out var value))
            {
                continue;
            }
            return value.ValueKind switch
            {
                JsonValueKind.String => NullIfBlank(value.GetString()),
                JsonValueKind.Object => String(value, "name", "title"),
                JsonValueKind.Null => null,
                _ => throw WrongType(key, value, "a string or an object with 'name'"),
            };
        }
        return null;
    }

    private static string? String(JsonElement obj, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (!TryGet(obj, key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            return value.ValueKind == JsonValueKind.String ? NullIfBlank(value.GetString()) : throw WrongType(key, value, "a string");
        }
        return null;
    }

    private static bool TryGet(JsonElement obj, string key, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static ArticleParseException WrongType(string key, JsonElement value, string expected) =>
        new(ArticleParseReasons.JsonShape, $"The JSON field '{key}' must be {expected}; it is {Kind(value.ValueKind)}.");

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool LooksLikeHtml(string text) =>
        text.Contains("</p>", StringComparison.OrdinalIgnoreCase) || text.Contains("<br", StringComparison.OrdinalIgnoreCase)
        || text.Contains("</div>", StringComparison.OrdinalIgnoreCase);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
