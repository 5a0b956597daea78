using Alerts.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// The results routes (what the pipeline did) as the Functions host needs them, one attributed method per entry of
/// <see cref="ApiRoutes"/>; the table holds the handlers, and a test holds these attributes to it.
/// </summary>
public sealed class ResultsHttp(ApiEndpoints endpoints)
{
    [Function(ApiRoutes.ListArticles)]
    public async Task<IActionResult> ListArticlesAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.ListArticles, request).ConfigureAwait(false);

    [Function(ApiRoutes.GetArticle)]
    public async Task<IActionResult> GetArticleAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "articles/{id}")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.GetArticle, request, id).ConfigureAwait(false);

    [Function(ApiRoutes.ListRuleMatches)]
    public async Task<IActionResult> ListRuleMatchesAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rules/{id}/matches")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.ListRuleMatches, request, id).ConfigureAwait(false);
}
