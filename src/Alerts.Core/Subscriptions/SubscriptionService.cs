using System.Globalization;
using Alerts.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Subscriptions;

/// <summary>Creates, changes and ends subscriptions: the logic behind the HTTP API and the CLI.</summary>
public sealed partial class SubscriptionService(
    ISubscriptionStore store,
    IConfirmationLimits limits,
    IEnumerable<IChannelOnboarding> onboardings,
    RuleCatalog catalog,
    SubscriptionTokens tokens,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    private const int MaxTargetLength = 2048;
    private const string FeedCadenceError = "cadence: a feed shows each match as its article is analysed; leave cadence out (or say 'immediate').";
    private readonly Dictionary<Channel, IChannelOnboarding> _onboardings = onboardings.ToDictionary(o => o.Channel);

    public Task<SubscriptionOutcome> CreateAsync(SubscriptionRequest request, CancellationToken cancellationToken) =>
        CreateAsync(request, client: null, cancellationToken);

    /// <summary>
    /// Creates a subscription. <paramref name="client"/> names the API caller for its confirmation-email budget;
    /// null for callers that hold the storage account itself (the CLI in direct mode), which have no budget.
    /// </summary>
    public async Task<SubscriptionOutcome> CreateAsync(SubscriptionRequest request, string? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var channel = ParseChannel(request.Channel, errors);
        var target = request.Target?.Trim() ?? "";
        if (channel == Channel.Feed)
        {
            // A feed has no address: its reader fetches it from the signed URL the answer carries.
            if (target.Length > 0)
            {
                errors.Add("target: a feed has no target; leave it out (the answer carries the feed's URL).");
            }
            if (request.Cadence is { } asked && !string.Equals(asked.Trim(), "immediate", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(FeedCadenceError);
            }
        }
        else if (target.Length == 0)
        {
            errors.Add("target: required (an email address, or an HTTPS URL for a webhook, Teams or Slack).");
        }
        else if (target.Length > MaxTargetLength)
        {
            errors.Add($"target: longer than {MaxTargetLength} characters.");
        }
        else if (channel is { } c)
        {
            if (!_onboardings.TryGetValue(c, out var onboarding))
            {
                errors.Add($"channel: {c.ToString().ToLowerInvariant()} delivery is not configured on this app.");
            }
            else if (await onboarding.ValidateTargetAsync(target, cancellationToken).ConfigureAwait(false) is { } targetError)
            {
                errors.Add("target: " + targetError);
            }
        }
        var rules = ValidateRules(request.Rules ?? [], errors);
        var queries = ValidateQueries(request.Queries ?? [], errors);
        if (rules.Count + queries.Count == 0)
        {
            errors.Add("rules/queries: watch at least one rule (GET /api/rules) or give a query.");
        }
        var cadence = ParseCadence(request.Cadence ?? (channel == Channel.Feed ? "immediate" : "daily"), request.At, request.TimeZone, errors);
        if (channel is { } chosen && errors.Count == 0 && !_onboardings.ContainsKey(chosen))
        {
            errors.Add($"channel: {chosen.ToString().ToLowerInvariant()} delivery is not configured on this app.");
        }
        if (errors.Count > 0 || channel is null || cadence is null)
        {
            return SubscriptionOutcome.Invalid(errors);
        }

        var draft = new Subscription
        {
            Id = SubscriptionIds.New(),
            Channel = channel.Value,
            Target = target,
            Rules = rules,
            Queries = queries,
            Cadence = cadence,
            Status = SubscriptionStatus.Pending,
            CreatedAt = time.GetUtcNow(),
        };
        var channelOnboarding = _onboardings[channel.Value];
        var (prepared, prepareError) = await channelOnboarding.PrepareAsync(draft, cancellationToken).ConfigureAwait(false);
        if (prepared is null)
        {
            return SubscriptionOutcome.Rejected(prepareError ?? "The subscriber could not be verified.");
        }
        ConfirmationClaim? claim = null;
        if (prepared.Status == SubscriptionStatus.Pending)
        {
            // A pending subscription gets a confirmation email: within the limits, before anything is stored.
            (claim, var refused) = await ClaimConfirmationAsync(prepared, client, resend: false, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }
        }
        try
        {
            await store.AddAsync(prepared, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseAsync(claim).ConfigureAwait(false);
            throw;
        }
        catalog.Invalidate();
        var completeError = await channelOnboarding.CompleteAsync(prepared, cancellationToken).ConfigureAwait(false);
        if (completeError is not null)
        {
            // Not sent: the address may ask again at once.
            await ReleaseAsync(claim).ConfigureAwait(false);
        }
        LogCreated(logger, prepared.Id, prepared.Channel, prepared.Status);
        return SubscriptionOutcome.Created(prepared, completeError ?? (prepared.Status == SubscriptionStatus.Pending
            ? "Check your inbox: the subscription starts when the confirmation link is followed." : null));
    }

    /// <summary>Sends a pending subscription's confirmation email again, within the same limits as a new subscription's.</summary>
    public async Task<SubscriptionOutcome> ResendConfirmationAsync(string id, string? client, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Status == SubscriptionStatus.Unsubscribed)
        {
            return SubscriptionOutcome.NotFound;
        }
        if (current.Status != SubscriptionStatus.Pending || !_onboardings.TryGetValue(current.Channel, out var onboarding))
        {
            return SubscriptionOutcome.Invalid([$"status: the subscription is {current.Status.ToString().ToLowerInvariant()}; only a pending subscription has a confirmation to send."]);
        }
        var (claim, refused) = await ClaimConfirmationAsync(current, client, resend: true, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }
        var error = await onboarding.CompleteAsync(current, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            await ReleaseAsync(claim).ConfigureAwait(false);
            return SubscriptionOutcome.Rejected(error);
        }
        return SubscriptionOutcome.Resent(current, "A new confirmation email was sent; follow its link to start the subscription.");
    }

    /// <summary>The address's one waiting confirmation, then the client's budget; an outcome to answer with when either refuses.</summary>
    private async Task<(ConfirmationClaim? Claim, SubscriptionOutcome? Refused)> ClaimConfirmationAsync(Subscription subscription, string? client, bool resend, CancellationToken cancellationToken)
    {
        var claim = await limits.ClaimAddressAsync(subscription.Target, subscription.Id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (!claim.Granted)
        {
            var wait = Positive(claim.Until - now);
            var sent = $"A confirmation email was sent to this address at {Utc(claim.SentAt)} and is still waiting to be followed";
            var again = claim.HeldBy is null
                ? $"ask again after {Utc(claim.Until)}."
                : $"ask for it again after {Utc(claim.Until)} with POST /api/subscriptions/{claim.HeldBy}/resend-confirmation.";
            LogConfirmationHeld(logger, subscription.Id);
            return (null, resend
                ? SubscriptionOutcome.TooManyRequests($"{sent}; another can be sent after {Utc(claim.Until)}.", wait)
                : SubscriptionOutcome.AwaitingConfirmation($"target: {sent}; nothing new was sent or stored. Follow the link in that email, or {again}", wait));
        }
        if (client is not null && await limits.TakeClientBudgetAsync(client, cancellationToken).ConfigureAwait(false) is { } refill)
        {
            await ReleaseAsync(claim).ConfigureAwait(false);
            LogClientLimited(logger, subscription.Id);
            return (null, SubscriptionOutcome.TooManyRequests(
                $"This client has caused {options.Value.ConfirmationsPerClient} confirmation emails within {options.Value.ConfirmationClientWindow}; nothing was sent or stored. Try again after {Utc(now + refill)}.",
                Positive(refill)));
        }
        return (claim, null);
    }

    /// <summary>Gives the claim back even when the request was cancelled: the email it reserved was not sent.</summary>
    private Task ReleaseAsync(ConfirmationClaim? claim) => claim is null ? Task.CompletedTask : limits.ReleaseAsync(claim, CancellationToken.None);

    private static TimeSpan Positive(TimeSpan wait) => wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public IAsyncEnumerable<Subscription> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<SubscriptionOutcome> UpdateAsync(string id, SubscriptionRequest patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Status == SubscriptionStatus.Unsubscribed)
        {
            return SubscriptionOutcome.NotFound;
        }
        var errors = new List<string>();
        if (patch.Channel is not null || patch.Target is not null)
        {
            errors.Add("channel/target: cannot be changed; create a new subscription.");
        }
        var rules = patch.Rules is null ? null : ValidateRules(patch.Rules, errors);
        var queries = patch.Queries is null ? null : ValidateQueries(patch.Queries, errors);
        if ((rules ?? current.Rules).Count + (queries ?? current.Queries).Count == 0)
        {
            errors.Add("rules/queries: watch at least one rule or give a query.");
        }
        var cadence = patch.Cadence is null && patch.At is null && patch.TimeZone is null
            ? current.Cadence
            : ParseCadence(patch.Cadence ?? current.Cadence.Kind.ToString(), patch.At ?? current.Cadence.At?.ToString("HH:mm", CultureInfo.InvariantCulture),
                patch.TimeZone ?? current.Cadence.TimeZone, errors);
        SubscriptionStatus? status = patch.Status?.ToUpperInvariant() switch
        {
            null => null,
            "ACTIVE" => SubscriptionStatus.Active,
            "PAUSED" => SubscriptionStatus.Paused,
            _ => Error<SubscriptionStatus?>(errors, "status: only 'active' or 'paused' can be set."),
        };
        if (status == SubscriptionStatus.Active && current.Status == SubscriptionStatus.Pending)
        {
            errors.Add("status: a pending email subscription becomes active when its confirmation link is followed.");
        }
        if (current.Channel == Channel.Feed && cadence is not null && cadence.Kind != CadenceKind.Immediate)
        {
            errors.Add(FeedCadenceError);
        }
        if (errors.Count > 0 || cadence is null)
        {
            return SubscriptionOutcome.Invalid(errors);
        }

        var cadenceChanged = patch.Cadence is not null || patch.At is not null || patch.TimeZone is not null;
        var pendingRefused = false;
        Subscription? updated;
        try
        {
            // The change runs again on the fresh row whenever another writer got in first, so it decides on that row,
            // not on what was read above: an unsubscribed subscription stays unsubscribed, and a pending one
            // becomes active only through its confirmation link.
            updated = await store.UpdateAsync(id, s =>
            {
                if (s.Status == SubscriptionStatus.Unsubscribed)
                {
                    return s;
                }
                if (status == SubscriptionStatus.Active && s.Status == SubscriptionStatus.Pending)
                {
                    pendingRefused = true;
                    return s;
                }
                pendingRefused = false;
                return s with
                {
                    Rules = rules ?? s.Rules,
                    Queries = queries ?? s.Queries,
                    Cadence = cadenceChanged ? cadence : s.Cadence,
                    Status = status ?? s.Status,
                    LastError = status == SubscriptionStatus.Active ? null : s.LastError,
                };
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SubscriptionConflictException)
        {
            return SubscriptionOutcome.Busy;
        }
        catalog.Invalidate();
        if (updated is null || updated.Status == SubscriptionStatus.Unsubscribed)
        {
            return SubscriptionOutcome.NotFound;
        }
        return pendingRefused
            ? SubscriptionOutcome.Invalid(["status: a pending email subscription becomes active when its confirmation link is followed."])
            : SubscriptionOutcome.Ok(updated);
    }

    /// <summary>Ends a subscription (kept as <c>unsubscribed</c>, so late digests and replayed links find it and do nothing).</summary>
    public async Task<SubscriptionOutcome> UnsubscribeAsync(string id, CancellationToken cancellationToken)
    {
        Subscription? updated;
        try
        {
            updated = await store.UpdateAsync(id, s => s.Status == SubscriptionStatus.Unsubscribed ? s : s with { Status = SubscriptionStatus.Unsubscribed }, cancellationToken).ConfigureAwait(false);
        }
        catch (SubscriptionConflictException)
        {
            return SubscriptionOutcome.Busy;
        }
        catalog.Invalidate();
        if (updated is not null)
        {
            LogUnsubscribed(logger, id);
        }
        return updated is null ? SubscriptionOutcome.NotFound : SubscriptionOutcome.Ok(updated);
    }

    public async Task<SubscriptionOutcome> UnsubscribeWithTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var id = await tokens.ValidateAsync(token, SubscriptionTokens.Unsubscribe, maxAge: null, cancellationToken).ConfigureAwait(false);
        return id is null ? SubscriptionOutcome.BadToken : await UnsubscribeAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subscription an unsubscribe link names, changing nothing (for the page a GET of the link shows).</summary>
    public async Task<SubscriptionOutcome> FindByUnsubscribeTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var id = await tokens.ValidateAsync(token, SubscriptionTokens.Unsubscribe, maxAge: null, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return SubscriptionOutcome.BadToken;
        }
        return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } s ? SubscriptionOutcome.Ok(s) : SubscriptionOutcome.NotFound;
    }

    /// <summary>The subscription a confirmation token names, changing nothing (the page a confirmation link shows).</summary>
    public async Task<SubscriptionOutcome> FindByConfirmTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var id = await tokens.ValidateAsync(token, SubscriptionTokens.Confirm, options.Value.ConfirmationLifetime, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return SubscriptionOutcome.BadToken;
        }
        return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } s ? SubscriptionOutcome.Ok(s) : SubscriptionOutcome.NotFound;
    }

    /// <summary>Double opt-in: the confirmation page's button makes a pending email subscription active.</summary>
    public async Task<SubscriptionOutcome> ConfirmWithTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var id = await tokens.ValidateAsync(token, SubscriptionTokens.Confirm, options.Value.ConfirmationLifetime, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return SubscriptionOutcome.BadToken;
        }
        var now = time.GetUtcNow();
        Subscription? updated;
        try
        {
            updated = await store.UpdateAsync(id, s => s.Status == SubscriptionStatus.Pending
                ? s with { Status = SubscriptionStatus.Active, ConfirmedAt = now }
                : s, cancellationToken).ConfigureAwait(false);
        }
        catch (SubscriptionConflictException)
        {
            return SubscriptionOutcome.Busy;
        }
        catalog.Invalidate();
        return updated is null ? SubscriptionOutcome.NotFound : SubscriptionOutcome.Ok(updated);
    }

    private List<string> ValidateRules(IReadOnlyList<string> requested, List<string> errors)
    {
        var known = catalog.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var rules = new List<string>();
        foreach (var rule in requested.Distinct(StringComparer.Ordinal))
        {
            if (rule is null || !known.Contains(rule))
            {
                errors.Add($"rules: '{Clip(rule)}' is not a rule of the catalogue (GET /api/rules).");
            }
            else
            {
                rules.Add(rule);
            }
        }
        return rules;
    }

    private List<string> ValidateQueries(IReadOnlyList<string> requested, List<string> errors)
    {
        if (requested.Count > options.Value.MaxQueries)
        {
            errors.Add($"queries: at most {options.Value.MaxQueries}.");
            return [];
        }
        var queries = new List<string>();
        for (var i = 0; i < requested.Count; i++)
        {
            if (!RuleQuery.TryValidate(requested[i] ?? "", out var error))
            {
                errors.Add($"queries[{i}]: {error}");
            }
            else
            {
                queries.Add(requested[i].Trim());
            }
        }
        return queries;
    }

    private static Channel? ParseChannel(string? value, List<string> errors) => value?.Trim().ToUpperInvariant() switch
    {
        "EMAIL" => Channel.Email,
        "WEBHOOK" => Channel.Webhook,
        "FEED" => Channel.Feed,
        "TEAMS" => Channel.Teams,
        "SLACK" => Channel.Slack,
        _ => Error<Channel?>(errors, "channel: 'email', 'webhook', 'feed', 'teams' or 'slack'."),
    };

    private static Cadence? ParseCadence(string kind, string? at, string? timeZone, List<string> errors)
    {
        switch (kind.Trim().ToUpperInvariant())
        {
            case "IMMEDIATE":
                return Cadence.Immediate;
            case "HOURLY":
                return Cadence.Hourly;
            case "DAILY":
                TimeOnly time = new(8, 0);
                if (at is not null && !TimeOnly.TryParseExact(at.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
                {
                    return Error<Cadence?>(errors, $"at: '{Clip(at)}' is not a time such as 08:00.");
                }
                if (!TimeZones.TryFind(timeZone, out _))
                {
                    return Error<Cadence?>(errors, $"timeZone: '{Clip(timeZone)}' is not an IANA time zone such as Europe/Kyiv.");
                }
                return new Cadence(CadenceKind.Daily, time, string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim());
            default:
                return Error<Cadence?>(errors, "cadence: 'immediate', 'hourly' or 'daily'.");
        }
    }

    private static T? Error<T>(List<string> errors, string message)
    {
        errors.Add(message);
        return default;
    }

    private static string Clip(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} created ({Channel}, {Status})")]
    private static partial void LogCreated(ILogger logger, string subscriptionId, Channel channel, SubscriptionStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Confirmation email for subscription {SubscriptionId} not sent: one to the same address is still waiting")]
    private static partial void LogConfirmationHeld(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confirmation email for subscription {SubscriptionId} not sent: the client's confirmation budget is spent")]
    private static partial void LogClientLimited(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string subscriptionId);
}
