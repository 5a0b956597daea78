using Alerts.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The health route of <see cref="ApiRoutes"/> as the Functions host needs it.</summary>
public sealed class HealthHttp(ApiEndpoints endpoints)
{
    [Function(ApiRoutes.Health)]
    public async Task<IActionResult> HealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        await endpoints.RunAsync(ApiRoutes.Health, request).ConfigureAwait(false);
}
