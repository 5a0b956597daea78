using Alerts.Analysis;
using Alerts.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.LocalHost;

/// <summary>The function app's HTTP routes and payloads on Kestrel, calling the same handlers.</summary>
internal static class LocalApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/subscriptions", async (HttpContext c, SubscriptionApi h) => await WriteAsync(c, await h.CreateAsync(c.Request.Body, Client(c), c.RequestAborted)));
        api.MapPost("/subscriptions/{id}/resend-confirmation", async (HttpContext c, string id, SubscriptionApi h) => await WriteAsync(c, await h.ResendConfirmationAsync(id, Client(c), c.RequestAborted)));
        api.MapGet("/subscriptions", async (HttpContext c, SubscriptionApi h) => await WriteAsync(c, await h.ListAsync(c.Request.Query["status"], c.RequestAborted)));
        api.MapGet("/subscriptions/{id}", async (HttpContext c, string id, SubscriptionApi h) => await WriteAsync(c, await h.GetAsync(id, c.RequestAborted)));
        api.MapMethods("/subscriptions/{id}", ["PATCH"], async (HttpContext c, string id, SubscriptionApi h) => await WriteAsync(c, await h.PatchAsync(id, c.Request.Body, c.RequestAborted)));
        api.MapDelete("/subscriptions/{id}", async (HttpContext c, string id, SubscriptionApi h) => await WriteAsync(c, await h.DeleteAsync(id, c.RequestAborted)));
        api.MapGet("/rules", async (HttpContext c, SubscriptionApi h) => await WriteAsync(c, h.GetRules()));
        api.MapGet("/unsubscribe", async (HttpContext c, SubscriptionApi h) => await WriteAsync(c, await h.UnsubscribePageAsync(c.Request.Query["token"], c.RequestAborted)));
        api.MapPost("/unsubscribe", async (HttpContext c, SubscriptionApi h) => await WriteAsync(c, await h.UnsubscribeAsync(c.Request.Query["token"], c.RequestAborted)));
        api.MapGet("/confirm", async (HttpContext c, SubscriptionApi h) => await WriteAsync(c, await h.ConfirmAsync(c.Request.Query["token"], c.RequestAborted)));
    }

    /// <summary>The caller for per-client limits: its address (the local API listens on loopback only).</summary>
    private static string Client(HttpContext context) => ApiClient.Identify(null, context.Connection.RemoteIpAddress);

    private static async Task WriteAsync(HttpContext context, ApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }
        if (response.Html is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(response.Html, context.RequestAborted);
        }
        else if (response.Json is not null)
        {
            context.Response.ContentType = response.Status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
            await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(response.Json, AnalysisJson.Options), context.RequestAborted);
        }
    }
}
