using System.Text;
using System.Text.Json;
using Alerts.Api;
using Microsoft.AspNetCore.Http;

namespace Alerts.Hosting;

/// <summary>Writes an <see cref="ApiResponse"/> as HTTP: ready bytes of their own type, an HTML page, JSON, problem JSON for errors, or no body.</summary>
public static class ApiResponseWriter
{
    public const string Html = "text/html; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";
    public const string ProblemJson = "application/problem+json";

    public static async Task WriteAsync(HttpResponse http, ApiResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(response);
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }
        if (response is { Content: { } content, ContentType: { } type })
        {
            http.ContentType = type;
            http.ContentLength = content.Length;
            await http.Body.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            return;
        }
        var (body, contentType) = response switch
        {
            { Html: { } html } => (Encoding.UTF8.GetBytes(html), Html),
            { Json: { } json } => (JsonSerializer.SerializeToUtf8Bytes(json, AlertsJson.Options), response.Status >= 400 ? ProblemJson : Json),
            _ => ((byte[]?)null, (string?)null),
        };
        if (body is null)
        {
            return;
        }
        http.ContentType = contentType;
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
