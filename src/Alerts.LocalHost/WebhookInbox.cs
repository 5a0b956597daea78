using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Alerts.LocalHost;

/// <summary>
/// A webhook receiver on 127.0.0.1 for trying the pipeline locally (<c>alerts receive</c>): answers the subscription
/// handshake, checks each delivery's signature when it knows the secret, and shows what arrived.
/// </summary>
public sealed class WebhookInbox(IAnsiConsole console, string? secret, TimeProvider time)
{
    public static WebApplication Build(int port, IAnsiConsole console, string? secret, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        var inbox = new WebhookInbox(console, secret, time ?? TimeProvider.System);
        app.Run(inbox.HandleAsync);
        return app;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers;
        var id = headers[WebhookSignature.IdHeader].ToString();
        var timestamp = headers[WebhookSignature.TimestampHeader].ToString();
        var signature = headers[WebhookSignature.SignatureHeader].ToString();
        JsonElement json;
        try
        {
            json = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            console.MarkupLine("[red]✗ a POST that is not JSON: refused (400)[/]");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var verified = secret is null ? (bool?)null : WebhookSignature.Verify(secret, id, timestamp, body, signature, WebhookSignature.DefaultTolerance, time.GetUtcNow());
        var type = json.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == WebhookValidation.ValidationType && json.TryGetProperty("validationCode", out var code))
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] handshake for subscription [bold]{Text(json, "subscriptionId")}[/]: code echoed");
            await context.Response.WriteAsJsonAsync(new { validationResponse = code.GetString() }, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        if (verified == false)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]✗ delivery {id}: the signature does not verify with the secret given; refused (401)[/]");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var check = verified is null ? "[grey]signature not checked (start with --secret to check it)[/]" : "[green]signature verified[/]";
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]■ {type} {id}[/] for {Text(json, "subscriptionId")}");
        console.MarkupLine("           " + check);
        if (json.TryGetProperty("articles", out var articles) && articles.ValueKind == JsonValueKind.Array)
        {
            foreach (var article in articles.EnumerateArray())
            {
                var rules = article.TryGetProperty("matches", out var matches) && matches.ValueKind == JsonValueKind.Array
                    ? string.Join(", ", matches.EnumerateArray().Select(m => Text(m, "rule")))
                    : "";
                var update = article.TryGetProperty("isUpdate", out var isUpdate) && isUpdate.ValueKind == JsonValueKind.True ? " [blue](update)[/]" : "";
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"           {Text(article, "title")} [grey]({Text(article, "source")})[/] → [yellow]{rules}[/]");
                if (update.Length > 0)
                {
                    console.MarkupLine("           [blue]update to a story already reported[/]");
                }
                if (article.TryGetProperty("alsoReportedBy", out var outlets) && outlets.ValueKind == JsonValueKind.Array && outlets.GetArrayLength() > 0)
                {
                    var names = outlets.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.String ? o.GetString() : null).OfType<string>().ToList();
                    console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"           [grey]also reported by {names.Count} outlet{(names.Count == 1 ? "" : "s")}: {string.Join(", ", names)}[/]");
                }
            }
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
