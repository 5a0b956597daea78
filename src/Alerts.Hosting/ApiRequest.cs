using Alerts.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Hosting;

/// <summary>What a route handler reads from an HTTP request: the method, the body, the <c>{id}</c> route value, the query, the headers and who calls.</summary>
public sealed record ApiRequest(string Method, Stream Body, string? Id, IQueryCollection Query, string Client, CancellationToken Aborted)
{
    /// <summary>
    /// The request as either host received it. The id is passed in, not read from the route values: the Functions
    /// host binds it as a parameter, and the route values of its proxied request are not the ones it matched.
    /// </summary>
    public static ApiRequest From(HttpRequest request, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The caller for per-client limits: the function key it calls with, else its address.
        var client = ApiClient.Identify(request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault(),
            request.HttpContext.Connection.RemoteIpAddress);
        return new ApiRequest(request.Method, request.Body, id, request.Query, client, request.HttpContext.RequestAborted) { Headers = request.Headers };
    }

    /// <summary>The request's headers (none when the request was made up without them).</summary>
    public IHeaderDictionary? Headers { get; init; }

    /// <summary>One header's value, or null; a repeated header comes joined by commas.</summary>
    public string? HeaderValue(string name) => Headers is { } headers && headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>
    /// The host's services, set by <see cref="ApiEndpoints"/>: how a route reaches a handler other than
    /// <see cref="SubscriptionApi"/> (such as <see cref="ResultsApi"/> or the health check).
    /// </summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>A service of the host, or a clear error when the host passed none.</summary>
    public T Service<T>() where T : notnull =>
        (Services ?? throw new InvalidOperationException("The host passed no services with the request.")).GetRequiredService<T>();

    /// <summary>One query value, or null; a repeated parameter comes joined by commas, as ASP.NET Core converts it.</summary>
    public string? QueryValue(string name) => Query[name];

    public bool IsPost => HttpMethods.IsPost(Method);
}
