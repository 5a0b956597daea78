using Alerts.Articles;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Storage;
using Alerts.Stories;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Analysis;

/// <summary>
/// The upload path shared by the function app and the local host: read the blob, parse, analyse, store.
/// A bad upload, or one whose analysis runs past <see cref="AnalysisOptions.TimeLimit"/>, gets a failed status row with
/// the reason and is left where it is; a repeat writes nothing new.
/// </summary>
public sealed partial class ArticleProcessor(
    ArticleAnalyzer analyzer,
    IAnalysisStore store,
    INewMatchesNotifier notifier,
    IOptions<AnalysisOptions> options,
    TimeProvider time,
    ILogger<ArticleProcessor> logger,
    StoryFolder? stories = null)
{
    public async Task<ProcessingResult> ProcessAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);

        using var activity = AlertsTelemetry.Source.StartActivity("analyse");
        activity?.SetTag("alerts.upload", name);
        ArticleAnalysis analysis;
        try
        {
            var bytes = await ReadBoundedAsync(content, options.Value.MaxArticleBytes, cancellationToken).ConfigureAwait(false);
            // Wall-clock time on the machine's clock: the limit protects a processor, whatever the app's clock says.
            using var budget = new AnalysisBudget(options.Value.TimeLimit, TimeProvider.System, cancellationToken);
            var language = options.Value.DefaultLanguage;
            Article article;
            using (var parse = AlertsTelemetry.Source.StartActivity("parse"))
            {
                parse?.SetTag("alerts.upload.bytes", bytes.Length);
                article = await budget.Run(token => ArticleParser.Parse(name, bytes, language, token)).ConfigureAwait(false);
                parse?.SetTag("alerts.article.id", article.Id);
            }
            analysis = await analyzer.GetOrAnalyzeAsync(store, article, budget, stories, cancellationToken).ConfigureAwait(false);
        }
        catch (ArticleParseException ex)
        {
            return await FailAsync(name, ex.Reason, ex.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (ExtractorConfigurationException ex)
        {
            // Not the article's fault: say why on the upload, then fail the invocation so the trigger retries it
            // (and after its retries poisons it) rather than analysing it without the configured extractor.
            await HoldAsync(name, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }
        activity?.SetTag("alerts.article.id", analysis.Article.Id);
        using var storing = AlertsTelemetry.Source.StartActivity("store");
        var newMatches = await store.AddMatchesAsync(analysis, cancellationToken).ConfigureAwait(false);
        storing?.SetTag("alerts.matches.new", newMatches.Count);
        foreach (var match in newMatches)
        {
            AlertsTelemetry.RuleMatched(match.Rule);
        }

        var previous = await store.GetUploadAsync(name, cancellationToken).ConfigureAwait(false);
        var status = analysis.Article.Name == name ? UploadStatus.Analysed : UploadStatus.Duplicate;
        UploadRecord upload;
        if (previous is not null && previous.Status == status && previous.ArticleId == analysis.Article.Id)
        {
            upload = previous;
        }
        else
        {
            upload = new UploadRecord
            {
                Name = name,
                Status = status,
                ArticleId = analysis.Article.Id,
                Title = analysis.Article.Title,
                MatchCount = analysis.Matches.Count,
                Extractor = analysis.Extractor,
                Message = status == UploadStatus.Duplicate ? $"Same story as '{analysis.Article.Name}'."
                    : analysis.Story is { } story ? $"Another outlet's copy of story {story.StoryId}{(story.IsUpdate ? ", alerting as an update" : "")}." : null,
                Time = status == UploadStatus.Analysed ? analysis.AnalyzedAt : time.GetUtcNow(),
            };
            // Before the status row: a run that dies in between is retried and notifies again, and immediate
            // delivery is keyed by article, so the repeat sends nothing twice.
            if (status == UploadStatus.Analysed && AlertRules(analysis) is { Count: > 0 } rules)
            {
                await notifier.NotifyAsync(new NewMatchesMessage(analysis.Article.Id, rules), cancellationToken).ConfigureAwait(false);
            }
            await store.SetUploadAsync(upload, cancellationToken).ConfigureAwait(false);
        }

        AlertsTelemetry.ArticleAnalysed(StoredValue.Of(status));
        activity?.SetTag("alerts.status", AlertsTelemetry.TagOf(status));
        activity?.SetTag("alerts.matches", analysis.Matches.Count);
        LogProcessed(logger, name, status, analysis.Article.Id, analysis.Entities.Count, analysis.Matches.Count, newMatches.Count);
        return new ProcessingResult { Upload = upload, Analysis = analysis, NewMatches = newMatches };
    }

    /// <summary>
    /// The rules an article alerts for: all it met when it is a story's first article or adds substantial new text;
    /// only those the story had not met when that is what makes it an update; none for a plain copy.
    /// </summary>
    private static List<string> AlertRules(ArticleAnalysis analysis)
    {
        var all = analysis.Matches.Concat(analysis.QueryMatches).Select(m => m.Rule).ToList();
        return analysis.Story switch
        {
            null => all,
            { IsUpdate: false } => [],
            { NewText: >= StoryFolder.SubstantialNewText } => all,
            { NewRules: var added } => [.. all.Where(added.Contains)],
        };
    }

    private async Task<ProcessingResult> FailAsync(string name, string reason, string message, CancellationToken cancellationToken)
    {
        var previous = await store.GetUploadAsync(name, cancellationToken).ConfigureAwait(false);
        var upload = previous is { Status: UploadStatus.Failed } && previous.Reason == reason && previous.Message == message
            ? previous
            : new UploadRecord { Name = name, Status = UploadStatus.Failed, Reason = reason, Message = message, Time = time.GetUtcNow() };
        if (!ReferenceEquals(upload, previous))
        {
            await store.SetUploadAsync(upload, cancellationToken).ConfigureAwait(false);
        }
        AlertsTelemetry.ArticleRefused(reason);
        System.Diagnostics.Activity.Current?.SetTag("alerts.status", AlertsTelemetry.TagOf(UploadStatus.Failed));
        System.Diagnostics.Activity.Current?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
        LogRefused(logger, name, reason, message);
        return new ProcessingResult { Upload = upload };
    }

    private async Task HoldAsync(string name, ExtractorConfigurationException error, CancellationToken cancellationToken)
    {
        var message = $"{error.Message} The upload is retried by its trigger, then set aside as a poison blob; upload it again once this is fixed.";
        var previous = await store.GetUploadAsync(name, cancellationToken).ConfigureAwait(false);
        if (previous is not { Status: UploadStatus.Failed } || previous.Reason != error.Reason || previous.Message != message)
        {
            await store.SetUploadAsync(new UploadRecord { Name = name, Status = UploadStatus.Failed, Reason = error.Reason, Message = message, Time = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        System.Diagnostics.Activity.Current?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.Reason);
        LogHeld(logger, name, error.Reason);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            throw TooLarge(content.Length - content.Position, maxBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(null, maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ArticleParseException TooLarge(long? size, int maxBytes) => new(ArticleParseReasons.TooLarge,
        $"The upload is {(size is { } s ? $"{s:N0} bytes" : "larger than the limit")}; articles over {maxBytes:N0} bytes are not analysed (setting Alerts__Analysis__MaxArticleBytes).");

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {Name}: {Status} as {ArticleId}, {EntityCount} entities, {MatchCount} matches ({NewMatchCount} new)")]
    private static partial void LogProcessed(ILogger logger, string name, UploadStatus status, string articleId, int entityCount, int matchCount, int newMatchCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Article {Name} not analysed ({Reason}); failing the invocation so the trigger retries it")]
    private static partial void LogHeld(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {Name} refused ({Reason}): {Message}")]
    private static partial void LogRefused(ILogger logger, string name, string reason, string message);
}
