using Alerts.Storage;

namespace Alerts.Outcomes;

/// <summary>
/// What the pipeline did, read back for people: uploads newest first, and a catalogue rule's matches in a time window.
/// Pages end with an opaque continuation the caller passes back; a token this reader did not make is refused with
/// <see cref="InvalidContinuationException"/>. The analysis itself is read through <see cref="IAnalysisStore"/>.
/// </summary>
public interface IResultsReader
{
    /// <summary>Uploads by the time their status was recorded, newest first; <paramref name="status"/> filters.</summary>
    Task<ResultsPage<UploadRecord>> ListUploadsAsync(UploadStatus? status, int limit, string? continuation, CancellationToken cancellationToken);

    /// <summary>The ids of stored analyses that start with <paramref name="prefix"/>, at most <paramref name="max"/> of them.</summary>
    Task<IReadOnlyList<string>> FindArticleIdsAsync(string prefix, int max, CancellationToken cancellationToken);

    /// <summary>A catalogue rule's matches with a match time in [<paramref name="windowStart"/>, <paramref name="windowEnd"/>), newest first.</summary>
    Task<ResultsPage<RuleMatchEntry>> ListRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, int limit, string? continuation, CancellationToken cancellationToken);
}
