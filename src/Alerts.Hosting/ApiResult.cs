using Alerts.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Hosting;

/// <summary>
/// An <see cref="ApiResponse"/> as the result type each host executes: <see cref="IActionResult"/> for the Functions
/// host's ASP.NET Core integration, <see cref="IResult"/> for the local host's minimal API. Both write through
/// <see cref="ApiResponseWriter"/>.
/// </summary>
public sealed class ApiResult(ApiResponse response) : IActionResult, IResult
{
    public ApiResponse Response { get; } = response ?? throw new ArgumentNullException(nameof(response));

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return ApiResponseWriter.WriteAsync(httpContext.Response, Response, httpContext.RequestAborted);
    }
}
