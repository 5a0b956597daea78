using Alerts.Api;

namespace Alerts.Hosting;

/// <summary>
/// One route of the HTTP API as both hosts declare it: the function name, methods, template (under <c>/api</c>) and
/// auth level, and the handler that answers it through <see cref="SubscriptionApi"/> (or another handler class from
/// <see cref="ApiRequest.Services"/>, such as <see cref="ResultsApi"/>).
/// </summary>
public sealed record ApiRoute(string Name, IReadOnlyList<string> Methods, string Template, ApiAuth Auth, ApiHandler Handler);

/// <summary>Answers one route: reads what it needs from the request and calls the shared API.</summary>
public delegate Task<ApiResponse> ApiHandler(SubscriptionApi api, ApiRequest request);
