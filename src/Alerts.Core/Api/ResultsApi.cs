using System.Globalization;
using Alerts.Outcomes;
using Alerts.Rules;
using Alerts.Storage;

namespace Alerts.Api;

/// <summary>
/// What the pipeline did, without HTTP: recent uploads with their status, one analysis, and a rule's matches in a time
/// window. Query values come in as the caller sent them (strings); anything malformed is a 400 that says what to send,
/// an unknown article or rule a 404. Subscribers' own queries are private: their ids are unknown rules here.
/// </summary>
public sealed class ResultsApi(IResultsReader reader, IAnalysisStore analyses, RuleCatalog catalog, TimeProvider time)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The shortest article id prefix accepted for <see cref="GetArticleAsync"/> (the CLI shows 12).</summary>
    public const int MinIdPrefix = 8;

    /// <summary>The window of <see cref="ListRuleMatchesAsync"/> when the caller gives no <c>from</c>.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    private const int ArticleIdLength = 64;

    /// <summary><c>GET /api/articles?limit=&amp;status=&amp;continuation=</c>: uploads, newest first.</summary>
    public async Task<ApiResponse> ListArticlesAsync(string? limit, string? status, string? continuation, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var count = ParseLimit(limit, errors);
        UploadStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = Enum.GetValues<UploadStatus>().Where(s => string.Equals(StoredValue.Of(s), status, StringComparison.OrdinalIgnoreCase)).Cast<UploadStatus?>().FirstOrDefault();
            if (wanted is null)
            {
                errors.Add($"status must be one of {string.Join(", ", Enum.GetValues<UploadStatus>().Select(StoredValue.Of))}.");
            }
        }
        if (errors.Count > 0)
        {
            return ApiResponse.Problem(400, "The listing request is not valid.", errors);
        }
        try
        {
            var page = await reader.ListUploadsAsync(wanted, count, Blank(continuation), cancellationToken).ConfigureAwait(false);
            return new ApiResponse(200, new ResultsPage<UploadSummary>([.. page.Items.Select(UploadSummary.From)], page.Continuation));
        }
        catch (InvalidContinuationException ex)
        {
            return ApiResponse.Problem(400, "The listing request is not valid.", [ex.Message]);
        }
    }

    /// <summary>
    /// <c>GET /api/articles/{id}</c>: one analysis. The id is the article's (64 hex digits), or a prefix of it of at least
    /// <see cref="MinIdPrefix"/> digits that only one stored analysis starts with.
    /// </summary>
    public async Task<ApiResponse> GetArticleAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = id.Trim().ToLowerInvariant();
        if (key.Length is < MinIdPrefix or > ArticleIdLength || !key.All(char.IsAsciiHexDigitLower))
        {
            return ApiResponse.Problem(404, "No such article.",
                [$"An article id is {ArticleIdLength} hexadecimal digits (or the first {MinIdPrefix} or more of them), as `alerts articles` lists it."]);
        }
        if (key.Length < ArticleIdLength)
        {
            var found = await reader.FindArticleIdsAsync(key, 2, cancellationToken).ConfigureAwait(false);
            switch (found.Count)
            {
                case 0:
                    return ApiResponse.Problem(404, "No such article.");
                case > 1:
                    return ApiResponse.Problem(400, "More than one article id starts with this prefix.", ["Give more digits of the id."]);
                default:
                    key = found[0];
                    break;
            }
        }
        var analysis = await analyses.GetAnalysisAsync(key, cancellationToken).ConfigureAwait(false);
        return analysis is null ? ApiResponse.Problem(404, "No such article.") : new ApiResponse(200, ArticleDetails.From(analysis));
    }

    /// <summary>
    /// <c>GET /api/rules/{id}/matches?from=&amp;to=&amp;limit=&amp;continuation=</c>: a catalogue rule's matches in
    /// [from, to), newest first; <c>to</c> defaults to now and <c>from</c> to <see cref="DefaultWindow"/> before it.
    /// </summary>
    public async Task<ApiResponse> ListRuleMatchesAsync(string ruleId, string? from, string? to, string? limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        // Only the catalogue's rules: a subscriber's query id (q_…) is as unknown here as a mistyped one.
        var rule = catalog.Rules.FirstOrDefault(r => string.Equals(r.Id, ruleId, StringComparison.Ordinal));
        if (rule is null)
        {
            return ApiResponse.Problem(404, "No such rule.", ["The rule ids are listed by GET /api/rules."]);
        }
        var errors = new List<string>();
        var count = ParseLimit(limit, errors);
        var end = ParseTime(to, "to", errors) ?? time.GetUtcNow();
        var start = ParseTime(from, "from", errors) ?? end - DefaultWindow;
        if (errors.Count == 0 && start >= end)
        {
            errors.Add("from must be before to.");
        }
        if (errors.Count > 0)
        {
            return ApiResponse.Problem(400, "The listing request is not valid.", errors);
        }
        try
        {
            var page = await reader.ListRuleMatchesAsync(rule.Id, start, end, count, Blank(continuation), cancellationToken).ConfigureAwait(false);
            var items = page.Items.Select(m => new RuleMatchSummary(m.RuleId, m.ArticleId, m.MatchedAt, m.ArticleTitle, m.Source,
                (m.Severity ?? rule.Severity).ToString().ToLowerInvariant())).ToList();
            return new ApiResponse(200, new ResultsPage<RuleMatchSummary>(items, page.Continuation));
        }
        catch (InvalidContinuationException ex)
        {
            return ApiResponse.Problem(400, "The listing request is not valid.", [ex.Message]);
        }
    }

    private static int ParseLimit(string? limit, List<string> errors)
    {
        if (string.IsNullOrEmpty(limit))
        {
            return DefaultLimit;
        }
        if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxLimit)
        {
            return n;
        }
        errors.Add($"limit must be a whole number from 1 to {MaxLimit}.");
        return DefaultLimit;
    }

    private static DateTimeOffset? ParseTime(string? value, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }
        errors.Add($"{name} must be an ISO 8601 time such as 2026-01-31T08:00:00Z.");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
