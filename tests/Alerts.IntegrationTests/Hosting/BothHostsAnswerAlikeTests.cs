using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Alerts.Functions;
using Alerts.Hosting;
using Alerts.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.IntegrationTests.Hosting;

/// <summary>
/// Each route asked the same thing through the function app's <c>[Function]</c> method (as the Functions host invokes
/// it, with an ASP.NET Core request, executing the returned result) and through the local host's Kestrel over HTTP:
/// the same status, content type and body. The requests change nothing, so the answers are comparable.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class BothHostsAnswerAlikeTests(AzuriteFixture azurite)
{
    private sealed record Ask(string Method, string Path, string? Query = null, string? Body = null, string? Id = null);

    private static readonly Dictionary<string, Ask> Asks = new()
    {
        [ApiRoutes.CreateSubscription] = new("POST", "subscriptions", Body: "{\"channel\": "),
        [ApiRoutes.ResendConfirmation] = new("POST", "subscriptions/missing-id/resend-confirmation", Id: "missing-id"),
        [ApiRoutes.SendDigestNow] = new("POST", "subscriptions/missing-id/send-digest", Id: "missing-id"),
        [ApiRoutes.ListSubscriptions] = new("GET", "subscriptions", Query: "?status=no-such-status"),
        [ApiRoutes.GetSubscription] = new("GET", "subscriptions/missing-id", Id: "missing-id"),
        [ApiRoutes.UpdateSubscription] = new("PATCH", "subscriptions/missing-id", Body: "{\"cadence\": \"hourly\"}", Id: "missing-id"),
        [ApiRoutes.DeleteSubscription] = new("DELETE", "subscriptions/missing-id", Id: "missing-id"),
        [ApiRoutes.ListRules] = new("GET", "rules"),
        [ApiRoutes.Unsubscribe] = new("POST", "unsubscribe", Query: "?token=not-a-token"),
        [ApiRoutes.ConfirmSubscription] = new("GET", "confirm", Query: "?token=not-a-token"),
        [ApiRoutes.ListArticles] = new("GET", "articles", Query: "?limit=100000"),
        [ApiRoutes.GetArticle] = new("GET", "articles/" + new string('f', 64), Id: new string('f', 64)),
        [ApiRoutes.ListRuleMatches] = new("GET", "rules/troop-arrivals/matches", Query: "?from=not-a-time", Id: "troop-arrivals"),
        [ApiRoutes.Health] = new("GET", "health"),
        [ApiRoutes.GetFeed] = new("GET", "feeds/saaaaaaaaaaaaaaaaaaaa", Query: "?token=not-a-token", Id: "saaaaaaaaaaaaaaaaaaaa"),
    };

    [Fact]
    public async Task Every_route_answers_the_same_in_the_function_app_and_on_the_local_hosts_kestrel()
    {
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Order(), Asks.Keys.Order());
        var api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var options = new LocalHostOptions { ApiUrl = api };
        using var host = LocalHostBuilder.BuildApi(new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.For(options))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AlertsStorage"] = azurite.ConnectionString })
            .Build(), options);
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = api };
            foreach (var (name, ask) in Asks)
            {
                var inAzure = await InvokeFunctionAsync(host.Services, name, ask);
                var locally = await SendAsync(http, ask);
                Assert.True(inAzure == locally, $"{name}: function app answered {inAzure}, local host {locally}");
                Assert.True(inAzure.Status is >= 200 and <= 499, $"{name}: {inAzure}");
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<(int Status, string? ContentType, string Body)> InvokeFunctionAsync(IServiceProvider services, string name, Ask ask)
    {
        // The route's [Function] method, in whichever *Http class declares it, on an instance as the worker makes it.
        var method = typeof(SubscriptionsHttp).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == name);
        var functions = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var context = new DefaultHttpContext();
        context.Request.Method = ask.Method;
        context.Request.Path = $"/api/{ask.Path}";
        context.Request.QueryString = new QueryString(ask.Query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(ask.Body ?? ""));
        using var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        object?[] arguments = method.GetParameters().Length == 2 ? [context.Request, ask.Id] : [context.Request];

        var result = await (Task<IActionResult>)method.Invoke(functions, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(HttpClient http, Ask ask)
    {
        using var request = new HttpRequestMessage(new HttpMethod(ask.Method), new Uri($"/api/{ask.Path}{ask.Query}", UriKind.Relative));
        if (ask.Body is not null)
        {
            request.Content = new StringContent(ask.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
