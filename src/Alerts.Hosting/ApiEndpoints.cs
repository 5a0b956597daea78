using Alerts.Api;
using Microsoft.AspNetCore.Http;

namespace Alerts.Hosting;

/// <summary>Runs a route of <see cref="ApiRoutes"/> for either host: request in, <see cref="ApiResult"/> out.</summary>
public sealed class ApiEndpoints(SubscriptionApi api, IServiceProvider services)
{
    /// <summary>For the function app's one-line <c>[HttpTrigger]</c> methods, which know their route by name.</summary>
    public Task<ApiResult> RunAsync(string name, HttpRequest request, string? id = null) => RunAsync(ApiRoutes.Get(name), request, id);

    public async Task<ApiResult> RunAsync(ApiRoute route, HttpRequest request, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        var response = await route.Handler(api, ApiRequest.From(request, id) with { Services = services }).ConfigureAwait(false);
        return new ApiResult(response);
    }
}
