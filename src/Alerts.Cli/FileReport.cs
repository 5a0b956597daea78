using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Analysis;

namespace Alerts.Cli;

/// <summary>One file's outcome in <c>alerts analyze</c>: its analysis, or why it was refused.</summary>
internal sealed record FileReport(string File, ArticleAnalysis? Analysis, string? Reason, string? Error)
{
    public static FileReport Analysed(string file, ArticleAnalysis analysis) => new(file, analysis, null, null);

    public static FileReport Failed(string file, string reason, string message) => new(file, null, reason, message);

    /// <summary>The analysis as readers get it, plus the file it came from; a refused file gets <c>error</c> instead.</summary>
    public string ToJson()
    {
        var node = Analysis is null
            ? new JsonObject { ["error"] = new JsonObject { ["reason"] = Reason, ["message"] = Error } }
            : JsonSerializer.SerializeToNode(Analysis, AlertsJson.ForReaders)!.AsObject();
        node.Insert(0, "file", File);
        return node.ToJsonString(AlertsJson.Options);
    }
}
