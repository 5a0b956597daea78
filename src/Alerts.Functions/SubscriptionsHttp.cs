using Alerts.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// The subscription API's routes as the Functions host needs them, one attributed method per entry of
/// <see cref="ApiRoutes"/>; the table holds the handlers, and a test holds these attributes to it.
/// </summary>
public sealed class SubscriptionsHttp(ApiEndpoints endpoints)
{
    [Function(ApiRoutes.CreateSubscription)]
    public async Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.CreateSubscription, request).ConfigureAwait(false);

    [Function(ApiRoutes.ResendConfirmation)]
    public async Task<IActionResult> ResendConfirmationAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions/{id}/resend-confirmation")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.ResendConfirmation, request, id).ConfigureAwait(false);

    [Function(ApiRoutes.ListSubscriptions)]
    public async Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.ListSubscriptions, request).ConfigureAwait(false);

    [Function(ApiRoutes.GetSubscription)]
    public async Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions/{id}")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.GetSubscription, request, id).ConfigureAwait(false);

    [Function(ApiRoutes.UpdateSubscription)]
    public async Task<IActionResult> PatchAsync([HttpTrigger(AuthorizationLevel.Function, "patch", Route = "subscriptions/{id}")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.UpdateSubscription, request, id).ConfigureAwait(false);

    [Function(ApiRoutes.DeleteSubscription)]
    public async Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "subscriptions/{id}")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.DeleteSubscription, request, id).ConfigureAwait(false);

    [Function(ApiRoutes.ListRules)]
    public async Task<IActionResult> ListRulesAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rules")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.ListRules, request).ConfigureAwait(false);

    [Function(ApiRoutes.Unsubscribe)]
    public async Task<IActionResult> UnsubscribeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.Unsubscribe, request).ConfigureAwait(false);

    [Function(ApiRoutes.ConfirmSubscription)]
    public async Task<IActionResult> ConfirmAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "confirm")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.ConfirmSubscription, request).ConfigureAwait(false);

    [Function(ApiRoutes.SendDigestNow)]
    public async Task<IActionResult> SendDigestNowAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions/{id}/send-digest")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.SendDigestNow, request, id).ConfigureAwait(false);
}
