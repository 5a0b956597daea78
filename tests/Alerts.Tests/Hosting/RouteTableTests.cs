using System.Reflection;
using Alerts.Functions;
using Alerts.Hosting;
using Alerts.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Tests.Hosting;

/// <summary>
/// Both hosts expose the route table and nothing else: the function app's <c>[HttpTrigger]</c> attributes (what the
/// Functions host reads) and the local host's Kestrel endpoints, each held to <see cref="ApiRoutes"/>.
/// </summary>
public class RouteTableTests
{
    private static string Describe(string name, IEnumerable<string> methods, string template, string auth) =>
        $"{name}: {string.Join(',', methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))} /{ApiRoutes.Prefix}/{template} ({auth})";

    private static List<string> Table(bool withAuth = true) =>
        [.. ApiRoutes.All.Select(r => Describe(r.Name, r.Methods, r.Template, withAuth ? r.Auth.ToString() : "-")).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_function_app_declares_every_route_with_the_tables_methods_template_and_auth_level()
    {
        var declared = typeof(SubscriptionsHttp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => Describe(f.Function!.Name, f.Trigger!.Methods ?? [], f.Trigger.Route ?? f.Function.Name, f.Trigger.AuthLevel.ToString()))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Table(), declared);
    }

    [Fact]
    public void The_local_host_maps_every_route_under_api_with_the_tables_methods()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        LocalApi.Map(app);

        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => Describe(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(unnamed)",
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [],
                e.RoutePattern.RawText!.TrimStart('/')[(ApiRoutes.Prefix.Length + 1)..],
                "-"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Table(withAuth: false), mapped);
    }

    [Fact]
    public void Signed_links_feeds_and_the_health_check_are_the_only_anonymous_routes()
    {
        Assert.Equal(
            [ApiRoutes.ConfirmSubscription, ApiRoutes.GetFeed, ApiRoutes.Health, ApiRoutes.Unsubscribe],
            ApiRoutes.All.Where(r => r.Auth == ApiAuth.Anonymous).Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_results_routes_are_reads_behind_a_function_key()
    {
        Assert.Equal(
            [
                "GetArticle: GET /api/articles/{id} (Function)",
                "ListArticles: GET /api/articles (Function)",
                "ListRuleMatches: GET /api/rules/{id}/matches (Function)",
            ],
            Table().Where(r => r.StartsWith(ApiRoutes.ListArticles + ":", StringComparison.Ordinal)
                || r.StartsWith(ApiRoutes.GetArticle + ":", StringComparison.Ordinal)
                || r.StartsWith(ApiRoutes.ListRuleMatches + ":", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_feed_is_one_anonymous_read_by_subscription_id()
    {
        Assert.Equal(["GetFeed: GET /api/feeds/{id} (Anonymous)"], Table().Where(r => r.StartsWith(ApiRoutes.GetFeed + ":", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_unknown_route_name_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ApiRoutes.Get("NoSuchRoute"));
        Assert.Contains("NoSuchRoute", error.Message, StringComparison.Ordinal);
    }
}
