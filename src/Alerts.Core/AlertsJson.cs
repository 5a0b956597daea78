using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Analysis;

namespace Alerts;

/// <summary>
/// The app's one set of JSON settings (camelCase, enums as strings): analyses (stored blobs, <c>alerts analyze --json</c>,
/// webhooks), API bodies, queue messages and digests all agree on it.
/// </summary>
public static class AlertsJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static string Serialize(ArticleAnalysis analysis, bool indented = false) =>
        JsonSerializer.Serialize(analysis, indented ? Indented : Options);

    public static ArticleAnalysis? Deserialize(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<ArticleAnalysis>(utf8, Options);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Article text is full of quotes and non-ASCII names; JSON consumers, not HTML pages, read this.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
