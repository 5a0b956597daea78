using Alerts.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The subscription API. Management needs a function key; confirm and unsubscribe links are anonymous and signed.</summary>
public sealed class SubscriptionsHttp(SubscriptionApi api)
{
    [Function("CreateSubscription")]
    public async Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions")] HttpRequest request) =>
        ApiResults.From(await api.CreateAsync(request.Body, Client(request), request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("ResendConfirmation")]
    public async Task<IActionResult> ResendConfirmationAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions/{id}/resend-confirmation")] HttpRequest request, string id) =>
        ApiResults.From(await api.ResendConfirmationAsync(id, Client(request), request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("ListSubscriptions")]
    public async Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions")] HttpRequest request) =>
        ApiResults.From(await api.ListAsync(request.Query["status"], request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("GetSubscription")]
    public async Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions/{id}")] HttpRequest request, string id) =>
        ApiResults.From(await api.GetAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("UpdateSubscription")]
    public async Task<IActionResult> PatchAsync([HttpTrigger(AuthorizationLevel.Function, "patch", Route = "subscriptions/{id}")] HttpRequest request, string id) =>
        ApiResults.From(await api.PatchAsync(id, request.Body, request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("DeleteSubscription")]
    public async Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "subscriptions/{id}")] HttpRequest request, string id) =>
        ApiResults.From(await api.DeleteAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("ListRules")]
    public IActionResult GetRules([HttpTrigger(AuthorizationLevel.Function, "get", Route = "rules")] HttpRequest request)
    {
        _ = request;
        return ApiResults.From(api.GetRules());
    }

    [Function("Unsubscribe")]
    public async Task<IActionResult> UnsubscribeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequest request) =>
        ApiResults.From(HttpMethods.IsPost(request.Method)
            ? await api.UnsubscribeAsync(request.Query["token"], request.HttpContext.RequestAborted).ConfigureAwait(false)
            : await api.UnsubscribePageAsync(request.Query["token"], request.HttpContext.RequestAborted).ConfigureAwait(false));

    [Function("ConfirmSubscription")]
    public async Task<IActionResult> ConfirmAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "confirm")] HttpRequest request) =>
        ApiResults.From(await api.ConfirmAsync(request.Query["token"], request.HttpContext.RequestAborted).ConfigureAwait(false));

    /// <summary>The caller for per-client limits: the function key it calls with.</summary>
    private static string Client(HttpRequest request) =>
        ApiClient.Identify(request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault(), request.HttpContext.Connection.RemoteIpAddress);
}
