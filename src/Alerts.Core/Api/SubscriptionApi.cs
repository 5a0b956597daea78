using System.Net;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Feeds;
using Alerts.Rules;
using Alerts.Subscriptions;

namespace Alerts.Api;

/// <summary>
/// The subscription HTTP API without HTTP: the Functions <c>[HttpTrigger]</c> adapters and the local host's routes
/// read the request, call these handlers and write the <see cref="ApiResponse"/> back.
/// </summary>
public sealed class SubscriptionApi(SubscriptionService subscriptions, RuleCatalog catalog, DeliveryService delivery, FeedLinks feeds)
{
    /// <summary>Request bodies above this are refused (413) before they are parsed.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Creation by a caller that holds the storage account itself (the CLI in direct mode): no per-client budget.</summary>
    public Task<ApiResponse> CreateAsync(Stream body, CancellationToken cancellationToken) => CreateAsync(body, client: null, cancellationToken);

    /// <summary>Creation by an API client, <paramref name="client"/> as <see cref="ApiClient.Identify"/> names it.</summary>
    public async Task<ApiResponse> CreateAsync(Stream body, string? client, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(body, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }
        var outcome = await subscriptions.CreateAsync(request, client, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Created
            ? new ApiResponse(201, await WithFeedAsync(outcome.Subscription!, SubscriptionView.From(outcome.Subscription!, includeSecret: true, outcome.Message), cancellationToken).ConfigureAwait(false))
            : ToResponse(outcome);
    }

    /// <summary>Closes the subscription's current digest window now and sends it (200 with what was sent, or "nothing new").</summary>
    public async Task<ApiResponse> SendDigestNowAsync(string id, CancellationToken cancellationToken)
    {
        var result = await delivery.SendNowAsync(id, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            SendNowOutcome.NotFound => ToResponse(SubscriptionOutcome.NotFound),
            SendNowOutcome.NotApplicable => ApiResponse.Problem(409, result.Message),
            SendNowOutcome.Held => new ApiResponse(409, result) { Headers = new Dictionary<string, string> { ["Retry-After"] = "30" } },
            _ => new ApiResponse(200, result),
        };
    }

    public async Task<ApiResponse> GetAsync(string id, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return subscription is null ? ToResponse(SubscriptionOutcome.NotFound) : new ApiResponse(200, await WithFeedAsync(subscription, SubscriptionView.From(subscription), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every subscription (management only), newest first; <paramref name="status"/> filters.</summary>
    public async Task<ApiResponse> ListAsync(string? status, CancellationToken cancellationToken)
    {
        var list = new List<SubscriptionView>();
        await foreach (var s in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (status is null || string.Equals(s.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(await WithFeedAsync(s, SubscriptionView.From(s), cancellationToken).ConfigureAwait(false));
            }
        }
        return new ApiResponse(200, list.OrderByDescending(s => s.CreatedAt).ToList());
    }

    /// <summary>
    /// A feed's view carries its URL (for the management API only: the list and one subscription need the key). An
    /// ended feed gets none: its URLs answer 404.
    /// </summary>
    private async Task<SubscriptionView> WithFeedAsync(Subscription subscription, SubscriptionView view, CancellationToken cancellationToken) =>
        subscription is { Channel: Channel.Feed, Status: not SubscriptionStatus.Unsubscribed }
            ? view with { FeedUrl = await feeds.IssueAsync(subscription.Id, cancellationToken).ConfigureAwait(false) }
            : view;

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

    /// <summary><c>POST /api/subscriptions/{id}/resend-confirmation</c>: a pending subscription's confirmation email, again (202).</summary>
    public async Task<ApiResponse> ResendConfirmationAsync(string id, string? client, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.ResendConfirmationAsync(id, client, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Resent
            ? new ApiResponse(202, SubscriptionView.From(outcome.Subscription!, message: outcome.Message))
            : ToResponse(outcome);
    }

    public ApiResponse GetRules() => new(200, catalog.Rules.Select(r => new { r.Id, r.Title, Severity = r.Severity.ToString().ToLowerInvariant(), r.Description, r.Query }).ToList());

    /// <summary>
    /// <c>POST /api/unsubscribe?token=…</c>: unsubscribes at once. This is RFC 8058 one-click (a mail client posts
    /// <c>List-Unsubscribe=One-Click</c>) and the button of <see cref="UnsubscribePageAsync"/>.
    /// </summary>
    public async Task<ApiResponse> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.UnsubscribeWithTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return outcome.Kind switch
        {
            SubscriptionOutcomeKind.Ok => Page(200, "Unsubscribed", $"You will get no more alerts at {SubscriptionTargets.Shown(outcome.Subscription!)}."),
            SubscriptionOutcomeKind.Busy => Page(409, "Not unsubscribed yet", "The subscription was being changed at the same moment. Please press the button again.", UnsubscribeButton(token!)),
            _ => Page(outcome.Kind == SubscriptionOutcomeKind.NotFound ? 404 : 400, "Not unsubscribed", outcome.Errors[0]),
        };
    }

    /// <summary>
    /// <c>GET /api/unsubscribe?token=…</c>: changes nothing. Mail scanners fetch the links in a message before anyone
    /// reads it, so a GET only shows a page whose button posts the same token.
    /// </summary>
    public async Task<ApiResponse> UnsubscribePageAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.FindByUnsubscribeTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind != SubscriptionOutcomeKind.Ok)
        {
            return Page(outcome.Kind == SubscriptionOutcomeKind.NotFound ? 404 : 400, "Not unsubscribed", outcome.Errors[0]);
        }
        var subscription = outcome.Subscription!;
        return subscription.Status == SubscriptionStatus.Unsubscribed
            ? Page(200, "Unsubscribed", $"You will get no more alerts at {SubscriptionTargets.Shown(subscription)}.")
            : Page(200, "Unsubscribe?", $"Stop sending alerts to {SubscriptionTargets.Shown(subscription)}?", UnsubscribeButton(token!));
    }

    /// <summary>
    /// <c>GET /api/confirm?token=…</c>: changes nothing. Link scanners (Safe Links and the like) fetch every link in a
    /// message, so a GET that confirmed would opt in addresses whose owners never asked; the page's button posts the token.
    /// </summary>
    public async Task<ApiResponse> ConfirmPageAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.FindByConfirmTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind != SubscriptionOutcomeKind.Ok)
        {
            return Page(outcome.Kind == SubscriptionOutcomeKind.NotFound ? 404 : 400, "Not confirmed", outcome.Errors[0]);
        }
        var subscription = outcome.Subscription!;
        return subscription.Status switch
        {
            SubscriptionStatus.Pending => Page(200, "Confirm subscription?", $"Send alerts to {SubscriptionTargets.Shown(subscription)}?", new PageButton(token!, "Confirm")),
            SubscriptionStatus.Active => Page(200, "Subscription confirmed", $"Alerts will be sent to {SubscriptionTargets.Shown(subscription)}."),
            _ => Page(409, "Not confirmed", $"This subscription is {subscription.Status.ToString().ToLowerInvariant()}."),
        };
    }

    /// <summary><c>POST /api/confirm?token=…</c>: the confirmation page's button; a pending subscription becomes active.</summary>
    public async Task<ApiResponse> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await subscriptions.ConfirmWithTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return outcome.Kind == SubscriptionOutcomeKind.Ok && outcome.Subscription!.Status == SubscriptionStatus.Active
            ? Page(200, "Subscription confirmed", $"Alerts will be sent to {SubscriptionTargets.Shown(outcome.Subscription)}.")
            : outcome.Kind switch
            {
                SubscriptionOutcomeKind.Ok => Page(409, "Not confirmed", $"This subscription is {outcome.Subscription!.Status.ToString().ToLowerInvariant()}."),
                SubscriptionOutcomeKind.Busy => Page(409, "Not confirmed yet", "The subscription was being changed at the same moment. Please press the button again.", new PageButton(token!, "Confirm")),
                _ => Page(outcome.Kind == SubscriptionOutcomeKind.NotFound ? 404 : 400, "Not confirmed", outcome.Errors[0]),
            };
    }

    private static ApiResponse ToResponse(SubscriptionOutcome outcome) => outcome.Kind switch
    {
        SubscriptionOutcomeKind.Ok => new ApiResponse(200, SubscriptionView.From(outcome.Subscription!)),
        SubscriptionOutcomeKind.NotFound => ApiResponse.Problem(404, "No such subscription."),
        SubscriptionOutcomeKind.Invalid => ApiResponse.Problem(400, "The subscription is not valid.", outcome.Errors),
        SubscriptionOutcomeKind.Rejected => ApiResponse.Problem(422, "The subscriber could not be verified.", outcome.Errors),
        SubscriptionOutcomeKind.Busy => ApiResponse.Problem(409, "The subscription is being changed by other requests.", outcome.Errors, outcome.RetryAfter),
        SubscriptionOutcomeKind.AwaitingConfirmation => ApiResponse.Problem(409, "A confirmation email for this address is already waiting.", outcome.Errors, outcome.RetryAfter),
        SubscriptionOutcomeKind.TooManyRequests => ApiResponse.Problem(429, "Too many confirmation emails.", outcome.Errors, outcome.RetryAfter),
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

    /// <summary>A button that posts <paramref name="Token"/> back to the page's own route.</summary>
    private sealed record PageButton(string Token, string Label, bool OneClickUnsubscribe = false);

    // The same body a mail client sends for RFC 8058 one-click, so the page's button and the header take one path.
    private static PageButton UnsubscribeButton(string token) => new(token, "Unsubscribe", OneClickUnsubscribe: true);

    /// <summary>
    /// A small HTML page: every value HTML-encoded, no script, and headers that keep it so (no scripts or frames, no
    /// token leaking in a Referer). With <paramref name="button"/>, a form that posts its token back.
    /// </summary>
    private static ApiResponse Page(int status, string title, string message, PageButton? button = null)
    {
        var form = button is null ? "" : $$"""
            <form method="post" action="{{WebUtility.HtmlEncode("?token=" + Uri.EscapeDataString(button.Token))}}">
            {{(button.OneClickUnsubscribe ? "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">" : "")}}
            <button type="submit" style="font-size: 1rem; padding: .5rem 1rem">{{WebUtility.HtmlEncode(button.Label)}}</button></form>
            """;
        return new ApiResponse(status, Html: $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><title>{{WebUtility.HtmlEncode(title)}} · Alerts</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
            <h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p>{{form}}</body></html>
            """)
        {
            Headers = new Dictionary<string, string>
            {
                ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                ["Referrer-Policy"] = "no-referrer",
                ["Cache-Control"] = "no-store",
            },
        };
    }
}
