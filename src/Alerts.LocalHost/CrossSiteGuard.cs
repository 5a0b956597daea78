using System.Net;
using Alerts.Hosting;
using Microsoft.AspNetCore.Http;

namespace Alerts.LocalHost;

/// <summary>
/// The local API checks no function key, so a web page the developer visits could otherwise change subscriptions with a
/// cross-site "simple" request (a form or a <c>text/plain</c> fetch needs no preflight). State-changing requests to the
/// management routes must therefore be JSON (which a browser only sends cross-site after a preflight this API never
/// answers) and, when a browser says where it comes from, come from the API's own origin. The signed-link routes
/// (unsubscribe one-click, its page's form) are left alone.
/// </summary>
internal static class CrossSiteGuard
{
    public static IResult? Check(ApiRoute route, HttpRequest request)
    {
        if (route.Auth != ApiAuth.Function || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }
        if (request.Headers.Origin is { Count: > 0 } origin && !IsOwnOrigin(origin.ToString(), request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin requests may not change subscriptions.");
        }
        // A request without a body (DELETE, resend-confirmation) has nothing to declare; a browser always sends Origin
        // with a cross-origin POST or DELETE, so the check above covers those.
        var bodiless = request.ContentLength is null or 0 && request.ContentType is null;
        if (!bodiless && !request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the request body as Content-Type: application/json.");
        }
        return null;
    }

    /// <summary>The API's own origin: http on this connection's port, by a loopback name (localhost, 127.0.0.1, [::1]).</summary>
    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme != request.Scheme || uri.Port != request.HttpContext.Connection.LocalPort)
        {
            return false;
        }
        return uri.IsLoopback && (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _));
    }
}
