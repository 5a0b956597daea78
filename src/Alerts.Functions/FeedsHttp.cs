using Alerts.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The feed route of <see cref="ApiRoutes"/> as the Functions host needs it (anonymous: the URL's token is the credential).</summary>
public sealed class FeedsHttp(ApiEndpoints endpoints)
{
    [Function(ApiRoutes.GetFeed)]
    public async Task<IActionResult> GetFeedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feeds/{id}")] HttpRequest request, string id) =>
        await endpoints.RunAsync(ApiRoutes.GetFeed, request, id).ConfigureAwait(false);
}
