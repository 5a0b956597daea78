using Alerts.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Alerts.LocalHost;

/// <summary>
/// The function app's HTTP routes on Kestrel: every entry of <see cref="ApiRoutes"/> under <c>/api</c>, answered by the
/// same handlers and response writer. Function keys are not checked: the local host listens on loopback only, and
/// <see cref="CrossSiteGuard"/> keeps web pages in the developer's browser from changing subscriptions.
/// </summary>
internal static class LocalApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        foreach (var route in ApiRoutes.All)
        {
            api.MapMethods("/" + route.Template, route.Methods, (HttpContext context, [FromServices] ApiEndpoints handlers) =>
                    handlers.RunAsync(route, context.Request, context.GetRouteValue("id") as string))
                .AddEndpointFilter(async (context, next) => CrossSiteGuard.Check(route, context.HttpContext.Request) ?? await next(context).ConfigureAwait(false))
                .WithName(route.Name)
                .WithMetadata(route);
        }
    }
}
