using Alerts.Analysis;
using Alerts.Storage;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// What the local host tells the person running it, in the one log style (<see cref="LocalLogging"/>): each file
/// uploaded and each article analysed with the rules it met. Refused articles, digests and alerts sent are logged by
/// the pipeline itself; nothing here names a subscriber.
/// </summary>
public sealed partial class ActivityReporter(ILogger<ActivityReporter> logger)
{
    public void ArticleProcessed(ProcessingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A refused upload is logged as a warning by the processor, with its reason.
        if (result.Upload.Status == UploadStatus.Failed || result.Analysis is not { } analysis)
        {
            return;
        }
        var entities = string.Join(", ", analysis.Entities.GroupBy(e => e.Category).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
        var rules = analysis.Matches.Count == 0 ? "none" : string.Join(", ", analysis.Matches.Select(m => m.Rule));
        var duplicate = result.Upload.Status == UploadStatus.Duplicate ? " (a duplicate of an earlier upload)" : "";
        LogAnalysed(logger, analysis.Article.Title ?? result.Upload.Name, duplicate, result.Upload.Name, analysis.Extractor, entities, rules);
    }

    public void Uploaded(string file, string blob) => LogUploaded(logger, file, blob);

    /// <summary>An upload the extractor's configuration stopped; the trigger retries it, then poisons it.</summary>
    public void ArticleHeld(string name, string reason, string message) => LogHeld(logger, name, reason, message);

    public void Warning(string message) => LogWarning(logger, message);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Analysed \"{Title}\"{Duplicate} from {Name} ({Extractor}: {Entities}); rules: {Rules}")]
    private static partial void LogAnalysed(ILogger logger, string title, string duplicate, string name, string extractor, string entities, string rules);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Uploaded {File} to articles/{Blob}")]
    private static partial void LogUploaded(ILogger logger, string file, string blob);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Not analysed {Name} ({Reason}): {Detail} Retrying.")]
    private static partial void LogHeld(ILogger logger, string name, string reason, string detail);
}
