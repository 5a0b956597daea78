using Alerts.Api;
using Alerts.Health;

namespace Alerts.Hosting;

/// <summary>
/// The route table of the HTTP API (subscriptions and results). The function app declares one <c>[HttpTrigger]</c> per entry (the Functions
/// host needs attributes) and the local host maps them in a loop; a test holds the two to this table.
/// </summary>
public static class ApiRoutes
{
    public const string CreateSubscription = nameof(CreateSubscription);
    public const string ResendConfirmation = nameof(ResendConfirmation);
    public const string ListSubscriptions = nameof(ListSubscriptions);
    public const string GetSubscription = nameof(GetSubscription);
    public const string UpdateSubscription = nameof(UpdateSubscription);
    public const string DeleteSubscription = nameof(DeleteSubscription);
    public const string ListRules = nameof(ListRules);
    public const string Unsubscribe = nameof(Unsubscribe);
    public const string ConfirmSubscription = nameof(ConfirmSubscription);
    public const string SendDigestNow = nameof(SendDigestNow);
    public const string ListArticles = nameof(ListArticles);
    public const string GetArticle = nameof(GetArticle);
    public const string ListRuleMatches = nameof(ListRuleMatches);
    public const string Health = nameof(Health);
    public const string GetFeed = nameof(GetFeed);

    /// <summary>The prefix both hosts put before every template (the Functions host's default route prefix).</summary>
    public const string Prefix = "api";

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new(CreateSubscription, ["POST"], "subscriptions", ApiAuth.Function, (api, r) => api.CreateAsync(r.Body, r.Client, r.Aborted)),
        new(ResendConfirmation, ["POST"], "subscriptions/{id}/resend-confirmation", ApiAuth.Function, (api, r) => api.ResendConfirmationAsync(IdOf(r), r.Client, r.Aborted)),
        new(ListSubscriptions, ["GET"], "subscriptions", ApiAuth.Function, (api, r) => api.ListAsync(r.QueryValue("status"), r.Aborted)),
        new(GetSubscription, ["GET"], "subscriptions/{id}", ApiAuth.Function, (api, r) => api.GetAsync(IdOf(r), r.Aborted)),
        new(UpdateSubscription, ["PATCH"], "subscriptions/{id}", ApiAuth.Function, (api, r) => api.PatchAsync(IdOf(r), r.Body, r.Aborted)),
        new(DeleteSubscription, ["DELETE"], "subscriptions/{id}", ApiAuth.Function, (api, r) => api.DeleteAsync(IdOf(r), r.Aborted)),
        new(ListRules, ["GET"], "rules", ApiAuth.Function, (api, _) => Task.FromResult(api.GetRules())),
        // A GET (a person, or a mail scanner prefetching links) only shows a page whose button POSTs; a POST (the
        // button, or RFC 8058 one-click from a mail client) unsubscribes.
        new(Unsubscribe, ["GET", "POST"], "unsubscribe", ApiAuth.Anonymous, (api, r) => r.IsPost
            ? api.UnsubscribeAsync(r.QueryValue("token"), r.Aborted)
            : api.UnsubscribePageAsync(r.QueryValue("token"), r.Aborted)),
        // Likewise for double opt-in: a link scanner's GET must not subscribe an address; the page's button POSTs.
        new(ConfirmSubscription, ["GET", "POST"], "confirm", ApiAuth.Anonymous, (api, r) => r.IsPost
            ? api.ConfirmAsync(r.QueryValue("token"), r.Aborted)
            : api.ConfirmPageAsync(r.QueryValue("token"), r.Aborted)),
        new(SendDigestNow, ["POST"], "subscriptions/{id}/send-digest", ApiAuth.Function, (api, r) => api.SendDigestNowAsync(IdOf(r), r.Aborted)),
        // What the pipeline did (ResultsApi): uploads newest first, one analysis, a rule's matches in a window.
        new(ListArticles, ["GET"], "articles", ApiAuth.Function, (_, r) => r.Service<ResultsApi>()
            .ListArticlesAsync(r.QueryValue("limit"), r.QueryValue("status"), r.QueryValue("continuation"), r.Aborted)),
        new(GetArticle, ["GET"], "articles/{id}", ApiAuth.Function, (_, r) => r.Service<ResultsApi>().GetArticleAsync(IdOf(r), r.Aborted)),
        new(ListRuleMatches, ["GET"], "rules/{id}/matches", ApiAuth.Function, (_, r) => r.Service<ResultsApi>()
            .ListRuleMatchesAsync(IdOf(r), r.QueryValue("from"), r.QueryValue("to"), r.QueryValue("limit"), r.QueryValue("continuation"), r.Aborted)),
        // For probes and load balancers: up or not, and each dependency's state; no secret, endpoint or subscriber data.
        new(Health, ["GET"], "health", ApiAuth.Anonymous, (_, r) => r.Service<AppHealth>().CheckAsync(r.Aborted)),
        // A feed reader has no key: the signed token in the URL is the credential (FeedApi answers 404 without it).
        new(GetFeed, ["GET"], "feeds/{id}", ApiAuth.Anonymous, (_, r) => r.Service<FeedApi>()
            .GetAsync(IdOf(r), r.QueryValue("token"), r.HeaderValue("If-None-Match"), r.Aborted)),
    ];

    public static ApiRoute Get(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"No API route is named '{name}'.", nameof(name));

    // The {id} templates only match with a segment there, so a missing id is a host wiring mistake, not a client's.
    private static string IdOf(ApiRequest request) =>
        request.Id ?? throw new InvalidOperationException("The route has an {id} segment but the host passed no id.");
}
