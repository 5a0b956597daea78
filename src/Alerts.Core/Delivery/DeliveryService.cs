using Alerts.Analysis;
using Alerts.Digests;
using Alerts.Storage;
using Alerts.Subscriptions;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Delivery;

/// <summary>
/// Sends digests so that none is lost or sent twice. Each digest is stored in the ledger before it is sent; a run
/// claims it with a conditional write (two runs cannot both claim it), sends it, then records the outcome. A
/// subscription's watermark moves only after its digest is recorded as sent. A run that dies after sending and before
/// recording leaves an expired claim: the next run sends the same digest again, with the same id, which receivers use
/// to drop the repeat.
/// </summary>
public sealed partial class DeliveryService(
    ISubscriptionStore subscriptions,
    IDeliveryLedger ledger,
    DigestBuilder builder,
    IAnalysisStore analyses,
    IEnumerable<IDigestChannel> channels,
    SubscriptionIndexing indexing,
    IOptions<DigestOptions> options,
    IImmediateBatchSender immediateBatches,
    IOptions<ImmediateOptions> immediateOptions,
    TimeProvider time,
    ILogger<DeliveryService> logger)
{
    private readonly Dictionary<Channel, IDigestChannel> _channels = channels.ToDictionary(c => c.Channel);

    /// <summary>Puts a failed digest back in the queue and sends it now; a failing subscription becomes active again.</summary>
    public async Task<DeliveryResult?> RedeliverAsync(string subscriptionId, string digestId, CancellationToken cancellationToken)
    {
        var record = await ledger.GetAsync(subscriptionId, digestId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        var subscription = await subscriptions.UpdateAsync(subscriptionId,
            s => s.Status == SubscriptionStatus.Failing ? s with { Status = SubscriptionStatus.Active, LastError = null } : s, cancellationToken).ConfigureAwait(false);
        if (subscription is null || record.State is DeliveryState.Sent or DeliveryState.Superseded)
        {
            // A superseded digest's articles went out in the digest that replaced it: sending it would repeat them.
            return record.State == DeliveryState.Sent ? DeliveryResult.Sent : null;
        }
        var reset = await ledger.TryReplaceAsync(record with { State = DeliveryState.Pending, Attempts = 0, NextAttemptAt = null, ClaimedUntil = null }, cancellationToken).ConfigureAwait(false);
        return reset is null ? null : await AttemptAsync(subscription, reset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One subscription's digest work on its own, with the service's builder (no batch to share reads with).</summary>
    private Task<DigestRunSummary> RunSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken) =>
        RunSubscriptionAsync(subscription, builder, cancellationToken);

    /// <summary>
    /// One subscription's digest work: due retries, then its due scheduled digest (build the window's digest, add it to
    /// the ledger, claim, send, record, advance the watermark). <paramref name="digests"/> is the batch's builder, whose
    /// reads are shared with the other subscriptions of the batch.
    /// </summary>
    private async Task<DigestRunSummary> RunSubscriptionAsync(Subscription subscription, DigestBuilder digests, CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0, retried = 0, held = 0, notDue = 0;
        DigestRunSummary Summary(int empty = 0) => new(1, sent, failed, retried, held, notDue, empty);
        var now = time.GetUtcNow();

        // One read of the ledger partition: the outstanding rows, and a scheduled digest sent past the watermark. The
        // latter is a run that died after recording a send but before moving the watermark: move it now, or the next
        // digest would repeat that window.
        var open = await ledger.ReadOpenAsync(subscription.Id, subscription.DeliveredUntil, cancellationToken).ConfigureAwait(false);
        if (open.LatestSentScheduled is { } latest && latest.WindowEnd > (subscription.DeliveredUntil ?? DateTimeOffset.MinValue))
        {
            subscription = await AdvanceAsync(subscription, latest.WindowEnd, cancellationToken).ConfigureAwait(false) ?? subscription;
        }

        var scheduledOutstanding = false;
        var outstanding = open.Outstanding;
        foreach (var record in outstanding.OrderBy(r => r.WindowEnd))
        {
            var due = record.IsDue(now);
            held += !due && record.State == DeliveryState.Sending ? 1 : 0;
            notDue += !due && record.State == DeliveryState.Pending ? 1 : 0;
            retried += due && record.Attempts > 0 ? 1 : 0;
            var result = due ? await AttemptAsync(subscription, record, cancellationToken).ConfigureAwait(false) : (DeliveryResult?)null;
            sent += result == DeliveryResult.Sent ? 1 : 0;
            failed += result is DeliveryResult.Failed or DeliveryResult.Gone ? 1 : 0;
            scheduledOutstanding |= record.Kind == DigestKind.Scheduled && result != DeliveryResult.Sent;
        }

        // One scheduled digest at a time: the next window starts where the undelivered one ends, once it is delivered.
        if (scheduledOutstanding || subscription.Cadence.Kind == CadenceKind.Immediate)
        {
            return Summary();
        }
        // Read again only when retries ran (their outcomes may have changed it); otherwise it was read just now, and the
        // claim checks its status once more before anything is sent.
        if (outstanding.Count > 0)
        {
            subscription = await subscriptions.GetAsync(subscription.Id, cancellationToken).ConfigureAwait(false) ?? subscription;
        }
        if (subscription.Status != SubscriptionStatus.Active)
        {
            return Summary();
        }
        if (DigestSchedule.DueWindow(subscription, now, options.Value.SettleDelay) is not { } window)
        {
            notDue++;
            return Summary();
        }

        var digest = await digests.BuildScheduledAsync(subscription, window.Start, window.End, cancellationToken).ConfigureAwait(false);
        if (digest is null)
        {
            // Nothing new in the window: a subscriber with nothing new gets nothing, and the window is done.
            await AdvanceAsync(subscription, window.End, cancellationToken).ConfigureAwait(false);
            return Summary(empty: 1);
        }
        // The add returns the new row with its version, ready to claim: nothing is read back.
        if (await ledger.AddAsync(digest, cancellationToken).ConfigureAwait(false) is not { } added)
        {
            // Another run built the same digest (same id) and is sending it.
            held++;
            return Summary();
        }
        // A send-now digest of the same window may have been added at the same moment: one of the two stands down.
        // The digest just built is sent as it is: the stored copy is the same, and retries read that.
        var outcome = !await TakeWindowAsync(added, cancellationToken).ConfigureAwait(false)
            ? null
            : await AttemptAsync(subscription, added, cancellationToken, digest).ConfigureAwait(false);
        sent += outcome == DeliveryResult.Sent ? 1 : 0;
        failed += outcome is DeliveryResult.Failed or DeliveryResult.Gone ? 1 : 0;
        held += outcome is null ? 1 : 0;
        return Summary();
    }

    /// <summary>Claims, sends and records one digest. Returns null when another run holds it or it cannot be sent now.</summary>
    private async Task<DeliveryResult?> AttemptAsync(Subscription subscription, DeliveryRecord record, CancellationToken cancellationToken, Digest? built = null)
    {
        // Opaque ids and states only: the subscription's address or URL never goes on the span.
        using var activity = AlertsTelemetry.Source.StartActivity("deliver");
        activity?.SetTag("alerts.channel", AlertsTelemetry.TagOf(subscription.Channel));
        activity?.SetTag("alerts.digest.kind", AlertsTelemetry.TagOf(record.Kind));
        activity?.SetTag("alerts.digest.id", record.DigestId);
        activity?.SetTag("alerts.subscription.id", subscription.Id);
        activity?.SetTag("alerts.attempt", record.Attempts + 1);
        var result = await TryAttemptAsync(subscription, record, built, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("alerts.result", result is { } r ? AlertsTelemetry.TagOf(r) : "held");
        if (result is DeliveryResult.Failed or DeliveryResult.Gone)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, AlertsTelemetry.TagOf(result.Value));
        }
        return result;
    }

    private async Task<DeliveryResult?> TryAttemptAsync(Subscription subscription, DeliveryRecord record, Digest? built, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await ledger.TryReplaceAsync(record with
        {
            State = DeliveryState.Sending,
            ClaimedUntil = now + options.Value.ClaimTimeout,
            Attempts = record.Attempts + 1,
        }, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return null;
        }

        // The subscriber may have unsubscribed or paused since the digest was built.
        var current = await subscriptions.GetAsync(subscription.Id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Status is SubscriptionStatus.Unsubscribed or SubscriptionStatus.Paused)
        {
            await ledger.TryReplaceAsync(claimed with { State = DeliveryState.Failed, ClaimedUntil = null, LastError = $"Not sent: the subscription is {current?.Status.ToString().ToLowerInvariant() ?? "deleted"}." }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        var digest = built is not null && built.Id == record.DigestId
            ? built
            : await ledger.GetDigestAsync(subscription.Id, record.DigestId, cancellationToken).ConfigureAwait(false);
        if (digest is null || !_channels.TryGetValue(current.Channel, out var channel))
        {
            await ledger.TryReplaceAsync(claimed with { State = DeliveryState.Failed, ClaimedUntil = null, LastError = digest is null ? "The digest content is missing." : $"No {current.Channel} channel is configured." }, cancellationToken).ConfigureAwait(false);
            Count(current.Channel, record.Kind, DeliveryResult.Failed, digest is null ? "missing-content" : "no-channel");
            return DeliveryResult.Failed;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await channel.SendAsync(current, digest, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A channel that throws (a sender left unconfigured, a transport bug) is a failed attempt with a retry, never
            // a claim left to expire unexplained. Only a validation message is kept: others may name the recipient.
            outcome = DeliveryOutcome.Failed(ex is OptionsValidationException ? ex.Message : $"The {StoredValue.Of(current.Channel)} channel threw {ex.GetType().Name}.");
        }
        now = time.GetUtcNow();
        var delays = options.Value.RetryDelays;
        var giveUp = outcome.Result is not (DeliveryResult.Sent or DeliveryResult.Gone) && (!outcome.Retryable || claimed.Attempts > delays.Count);
        Count(current.Channel, record.Kind, outcome.Result, outcome.Result == DeliveryResult.Gone ? "gone" : giveUp ? (outcome.Retryable ? "retries-exhausted" : "rejected") : null);
        switch (outcome.Result)
        {
            case DeliveryResult.Sent:
                await ledger.TryReplaceAsync(claimed with { State = DeliveryState.Sent, SentAt = now, ClaimedUntil = null, LastError = null }, cancellationToken).ConfigureAwait(false);
                AlertsTelemetry.Delivered(AlertsTelemetry.TagOf(current.Channel), AlertsTelemetry.TagOf(record.Kind), now - (record.Kind == DigestKind.Scheduled || digest.Articles.Count == 0
                    ? record.WindowEnd
                    : digest.Articles.Min(a => a.MatchedAt)));
                if (record.Kind == DigestKind.Scheduled)
                {
                    await AdvanceAsync(current, record.WindowEnd, cancellationToken).ConfigureAwait(false);
                }
                else if (current.LastError is not null)
                {
                    await subscriptions.UpdateAsync(current, s => s with { LastError = null }, cancellationToken).ConfigureAwait(false);
                }
                LogSent(logger, digest.Id, current.Id, current.Channel, digest.Articles.Count);
                break;

            case DeliveryResult.Gone:
                await ledger.TryReplaceAsync(claimed with { State = DeliveryState.Failed, ClaimedUntil = null, LastError = outcome.Error }, cancellationToken).ConfigureAwait(false);
                // Decided on the fresh row: a subscriber who unsubscribed while the digest was on its way stays unsubscribed.
                await subscriptions.UpdateAsync(current, s => s.Status is SubscriptionStatus.Active or SubscriptionStatus.Failing
                    ? s with { Status = SubscriptionStatus.Paused, LastError = outcome.Error }
                    : s, cancellationToken).ConfigureAwait(false);
                LogGone(logger, current.Id, outcome.Error);
                break;

            default:
                var wait = giveUp ? TimeSpan.Zero : Max(delays[claimed.Attempts - 1], outcome.RetryAfter ?? TimeSpan.Zero);
                await ledger.TryReplaceAsync(claimed with
                {
                    State = giveUp ? DeliveryState.Failed : DeliveryState.Pending,
                    ClaimedUntil = null,
                    NextAttemptAt = giveUp ? null : now + wait,
                    LastError = outcome.Error,
                }, cancellationToken).ConfigureAwait(false);
                await subscriptions.UpdateAsync(current, s => s with
                {
                    Status = giveUp && s.Status == SubscriptionStatus.Active ? SubscriptionStatus.Failing : s.Status,
                    LastError = outcome.Error,
                }, cancellationToken).ConfigureAwait(false);
                LogFailed(logger, digest.Id, current.Id, claimed.Attempts, outcome.Error, giveUp ? "gave up; subscription is failing" : $"retry in {wait}");
                break;
        }
        return outcome.Result;
    }

    /// <summary>Counts an attempt; <paramref name="failedFor"/> names why the digest failed for good, if it did.</summary>
    private static void Count(Channel channel, DigestKind kind, DeliveryResult result, string? failedFor)
    {
        AlertsTelemetry.DeliveryAttempted(AlertsTelemetry.TagOf(channel), AlertsTelemetry.TagOf(kind), AlertsTelemetry.TagOf(result));
        if (failedFor is not null)
        {
            AlertsTelemetry.DigestFailed(AlertsTelemetry.TagOf(channel), failedFor);
        }
    }

    /// <summary>
    /// Moves the watermark to <paramref name="windowEnd"/> with one conditional write on the version of
    /// <paramref name="read"/> (a conflict reads the row again). The watermark only moves forward, so a copy that has
    /// it at or past <paramref name="windowEnd"/> is enough to know there is nothing to write.
    /// </summary>
    private Task<Subscription?> AdvanceAsync(Subscription read, DateTimeOffset windowEnd, CancellationToken cancellationToken) =>
        subscriptions.UpdateAsync(read, s => s.DeliveredUntil >= windowEnd ? s : s with { DeliveredUntil = windowEnd, LastError = null }, cancellationToken);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest run: {Subscriptions} active subscriptions, {Sent} sent, {Failed} failed, {Retried} retried, {Held} held by another run, {NotDue} not yet due, {Empty} with nothing new")]
    private static partial void LogRun(ILogger logger, int subscriptions, int sent, int failed, int retried, int held, int notDue, int empty);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {DigestId} sent to subscription {SubscriptionId} by {Channel}: {ArticleCount} articles")]
    private static partial void LogSent(ILogger logger, string digestId, string subscriptionId, Channel channel, int articleCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {DigestId} to subscription {SubscriptionId} failed (attempt {Attempt}): {Error}; {Next}")]
    private static partial void LogFailed(ILogger logger, string digestId, string subscriptionId, int attempt, string? error, string next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} paused: the receiver says it is gone ({Error})")]
    private static partial void LogGone(ILogger logger, string subscriptionId, string? error);
}
