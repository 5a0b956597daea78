using Alerts.Analysis;
using Alerts.Api;
using Microsoft.AspNetCore.Mvc;

namespace Alerts.Functions;

/// <summary>Writes the shared handlers' <see cref="ApiResponse"/> as an ASP.NET Core result.</summary>
internal static class ApiResults
{
    public static IActionResult From(ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        IActionResult result;
        if (response.Html is not null)
        {
            result = new ContentResult { StatusCode = response.Status, Content = response.Html, ContentType = "text/html; charset=utf-8" };
        }
        else if (response.Json is null)
        {
            result = new StatusCodeResult(response.Status);
        }
        else
        {
            result = new ContentResult
            {
                StatusCode = response.Status,
                Content = System.Text.Json.JsonSerializer.Serialize(response.Json, AnalysisJson.Options),
                ContentType = response.Status >= 400 ? "application/problem+json" : "application/json; charset=utf-8",
            };
        }
        return response.Headers.Count == 0 ? result : new WithHeaders(result, response.Headers);
    }

    /// <summary>A result plus the handler's headers (<c>Retry-After</c>, the pages' security headers).</summary>
    private sealed class WithHeaders(IActionResult inner, IReadOnlyDictionary<string, string> headers) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            foreach (var (name, value) in headers)
            {
                context.HttpContext.Response.Headers[name] = value;
            }
            return inner.ExecuteResultAsync(context);
        }
    }
}
