using System.Net;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.Rules;
using Alerts.Subscriptions;

namespace Alerts.Api;

/// <summary>
/// The subscription HTTP API without HTTP: the Functions <c>[HttpTrigger]</c> adapters and the local host's routes
/// read the request, call these handlers and write the <see cref="ApiResponse"/> back.
/// </summary>
public sealed class SubscriptionApi(SubscriptionService subscriptions, RuleCatalog catalog)
{
    /// <summary>Request bodies above this are refused (413) before they are parsed.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<ApiResponse> CreateAsync(Stream body, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(body, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }
        var outcome = await subscriptions.CreateAsync(request, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Created
            ? new ApiResponse(201, SubscriptionView.From(outcome.Subscription!, includeSecret: true, outcome.Message))
            : ToResponse(outcome);
    }

    public async Task<ApiResponse> GetAsync(string id, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return subscription is null ? ToResponse(SubscriptionOutcome.NotFound) : new ApiResponse(200, SubscriptionView.From(subscription));
    }

    /// <summary>Every subscription (management only), newest first; <paramref name="status"/> filters.</summary>
    public async Task<ApiResponse> ListAsync(string? status, CancellationToken cancellationToken)
    {
        var list = new List<SubscriptionView>();
        await foreach (var s in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (status is null || string.Equals(s.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(SubscriptionView.From(s));
            }
        }
        return new ApiResponse(200, list.OrderByDescending(s => s.CreatedAt).ToList());
    }

    public async Task<ApiResponse> PatchAsync(string id, Stream body, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(body, cancellationToken).ConfigureAwait(false);
        return request is null ? problem! : ToResponse(await subscriptions.UpdateAsync(id, request, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ApiResponse> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.UnsubscribeAsync(id, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Ok ? new ApiResponse(204) : ToResponse(outcome);
    }

    public ApiResponse GetRules() => new(200, catalog.Rules.Select(r => new { r.Id, r.Title, Severity = r.Severity.ToString().ToLowerInvariant(), r.Description, r.Query }).ToList());

    /// <summary>One-click unsubscribe (RFC 8058): GET from a browser, POST from a mail client; both unsubscribe.</summary>
    public async Task<ApiResponse> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.UnsubscribeWithTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Ok
            ? Page(200, "Unsubscribed", $"You will get no more alerts at {outcome.Subscription!.Target}.")
            : Page(outcome.Kind == SubscriptionOutcomeKind.NotFound ? 404 : 400, "Not unsubscribed", outcome.Errors[0]);
    }

    public async Task<ApiResponse> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.ConfirmWithTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Ok && outcome.Subscription!.Status == SubscriptionStatus.Active
            ? Page(200, "Subscription confirmed", $"Alerts will be sent to {outcome.Subscription.Target}.")
            : outcome.Kind == SubscriptionOutcomeKind.Ok
                ? Page(409, "Not confirmed", $"This subscription is {outcome.Subscription!.Status.ToString().ToLowerInvariant()}.")
                : Page(outcome.Kind == SubscriptionOutcomeKind.NotFound ? 404 : 400, "Not confirmed", outcome.Errors[0]);
    }

    private static ApiResponse ToResponse(SubscriptionOutcome outcome) => outcome.Kind switch
    {
        SubscriptionOutcomeKind.Ok => new ApiResponse(200, SubscriptionView.From(outcome.Subscription!)),
        SubscriptionOutcomeKind.NotFound => ApiResponse.Problem(404, "No such subscription."),
        SubscriptionOutcomeKind.Invalid => ApiResponse.Problem(400, "The subscription is not valid.", outcome.Errors),
        SubscriptionOutcomeKind.Rejected => ApiResponse.Problem(422, "The subscriber could not be verified.", outcome.Errors),
        _ => ApiResponse.Problem(400, outcome.Errors.Count > 0 ? outcome.Errors[0] : "Bad request."),
    };

    private static async Task<(SubscriptionRequest? Request, ApiResponse? Problem)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, ApiResponse.Problem(413, $"The request body is over {MaxBodyBytes / 1024} KB."));
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            var request = JsonSerializer.Deserialize<SubscriptionRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), AlertsJson.Options);
            return request is null ? (null, ApiResponse.Problem(400, "The body must be a JSON object.")) : (request, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiResponse.Problem(400, "The body is not valid JSON for a subscription.", [ex.Message]));
        }
    }

    private static ApiResponse Page(int status, string title, string message) => new(status, Html: $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}} · Alerts</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
        <h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p></body></html>
        """);
}
