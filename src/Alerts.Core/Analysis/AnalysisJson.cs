using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Analysis;

/// <summary>The one JSON shape of an analysis: stored blobs, <c>alerts analyze --json</c> and webhooks agree on it.</summary>
public static class AnalysisJson
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
