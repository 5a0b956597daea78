using Microsoft.AspNetCore.Http;

namespace Alerts.Hosting;

/// <summary>What a route handler reads from an HTTP request: the body, the <c>{id}</c> route value and the query.</summary>
public sealed record ApiRequest(Stream Body, string? Id, IQueryCollection Query, CancellationToken Aborted)
{
    /// <summary>
    /// The request as either host received it. The id is passed in, not read from the route values: the Functions
    /// host binds it as a parameter, and the route values of its proxied request are not the ones it matched.
    /// </summary>
    public static ApiRequest From(HttpRequest request, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiRequest(request.Body, id, request.Query, request.HttpContext.RequestAborted);
    }

    /// <summary>One query value, or null; a repeated parameter comes joined by commas, as ASP.NET Core converts it.</summary>
    public string? QueryValue(string name) => Query[name];
}
