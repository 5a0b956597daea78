using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Alerts.Analysis;
using Alerts.Rules;

namespace Alerts;

/// <summary>
/// The app's one set of JSON settings (camelCase, enums as strings): analyses (stored blobs, <c>alerts analyze --json</c>,
/// webhooks), API bodies, queue messages and digests all agree on it.
/// </summary>
public static class AlertsJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>
    /// The shape readers get (webhooks, <c>alerts analyze --json</c>): the stored one without a match's <c>score</c>,
    /// Lucene's relevance within a one-article index, which tells a reader nothing. Stored blobs keep the field, so
    /// analyses and digests written before and after read alike. For writing only.
    /// </summary>
    public static JsonSerializerOptions ForReaders { get; } = Create(indented: false, withoutScore: true);

    public static string Serialize(ArticleAnalysis analysis, bool indented = false) =>
        JsonSerializer.Serialize(analysis, indented ? Indented : Options);

    public static ArticleAnalysis? Deserialize(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<ArticleAnalysis>(utf8, Options);

    private static JsonSerializerOptions Create(bool indented, bool withoutScore = false)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Article text is full of quotes and non-ASCII names; JSON consumers, not HTML pages, read this.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        if (withoutScore)
        {
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropScore } };
        }
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void DropScore(JsonTypeInfo info)
    {
        if (info.Type == typeof(RuleMatch) && info.Properties.FirstOrDefault(p => p.Name == "score") is { } score)
        {
            info.Properties.Remove(score);
        }
    }
}
