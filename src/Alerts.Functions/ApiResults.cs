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
        if (response.Html is not null)
        {
            return new ContentResult { StatusCode = response.Status, Content = response.Html, ContentType = "text/html; charset=utf-8" };
        }
        if (response.Json is null)
        {
            return new StatusCodeResult(response.Status);
        }
        return new ContentResult
        {
            StatusCode = response.Status,
            Content = System.Text.Json.JsonSerializer.Serialize(response.Json, AlertsJson.Options),
            ContentType = response.Status >= 400 ? "application/problem+json" : "application/json; charset=utf-8",
        };
    }
}
