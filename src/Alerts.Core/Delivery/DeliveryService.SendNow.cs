using System.Globalization;
using Alerts.Digests;
using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// "Send this subscription's digest now": closes the current window early, at now, and sends it through the ledger
/// exactly as the timer sends a scheduled digest (stored first, claimed, sent, recorded, then the watermark moves), so
/// the next scheduled window starts where this one ended.
/// </summary>
public sealed partial class DeliveryService
{
    public async Task<SendNowResult> SendNowAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return new(SendNowOutcome.NotFound, $"No subscription {subscriptionId}.");
        }
        if (subscription.Status != SubscriptionStatus.Active)
        {
            return new(SendNowOutcome.NotApplicable, $"Nothing sent: the subscription is {StoredValue.Of(subscription.Status)}.");
        }
        if (!subscription.Channel.IsPushed())
        {
            return new(SendNowOutcome.NotApplicable, "Nothing sent: a feed is fetched by its reader; its URL shows each match as its article is analysed.");
        }
        if (subscription.Cadence.Kind == CadenceKind.Immediate)
        {
            return new(SendNowOutcome.NotApplicable, "Nothing sent: this subscription gets each alert as its article is analysed.");
        }

        // As in a timer run: a digest recorded as sent whose watermark did not move yet moves it first.
        if (await ledger.GetLatestSentScheduledAsync(subscription.Id, cancellationToken).ConfigureAwait(false) is { } latest
            && latest.WindowEnd > (subscription.DeliveredUntil ?? DateTimeOffset.MinValue))
        {
            subscription = await AdvanceAsync(subscription, latest.WindowEnd, cancellationToken).ConfigureAwait(false) ?? subscription;
        }

        // One scheduled digest at a time: an undelivered one is sent (if due) instead of a new one.
        var now = time.GetUtcNow();
        await foreach (var record in ledger.ListOutstandingAsync(subscription.Id, cancellationToken).ConfigureAwait(false))
        {
            if (record.Kind != DigestKind.Scheduled)
            {
                continue;
            }
            if (!record.IsDue(now))
            {
                return new(SendNowOutcome.Held, record.State == DeliveryState.Sending
                    ? $"Digest {record.DigestId} is being sent by another run (claim until {record.ClaimedUntil:u})."
                    : $"Digest {record.DigestId} is waiting for its retry at {record.NextAttemptAt?.ToString("u", CultureInfo.InvariantCulture)}.", record.DigestId, record.ArticleCount);
            }
            return await ResultOfAsync(subscription, record, cancellationToken).ConfigureAwait(false);
        }

        var start = subscription.DeliveredUntil ?? subscription.ConfirmedAt ?? subscription.CreatedAt;
        var digest = now > start ? await builder.BuildScheduledAsync(subscription, start, now, cancellationToken).ConfigureAwait(false) : null;
        if (digest is null)
        {
            // The window stays open: what matches later goes in the next digest.
            return new(SendNowOutcome.NothingNew, $"Nothing new since {start:u}: nothing sent.");
        }
        if (await ledger.AddAsync(digest, cancellationToken).ConfigureAwait(false) is not { } added)
        {
            return new(SendNowOutcome.Held, $"Digest {digest.Id} is being sent by another request.", digest.Id, digest.Articles.Count);
        }
        if (!await TakeWindowAsync(added, cancellationToken).ConfigureAwait(false))
        {
            return new(SendNowOutcome.Held, "Another run is sending this subscription's digest at the same moment; it carries these articles.", digest.Id, digest.Articles.Count);
        }
        return await ResultOfAsync(subscription, added, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendNowResult> ResultOfAsync(Subscription subscription, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var result = await AttemptAsync(subscription, record, cancellationToken).ConfigureAwait(false);
        LogSendNow(logger, subscription.Id, record.DigestId, result);
        var after = await ledger.GetAsync(subscription.Id, record.DigestId, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            DeliveryResult.Sent => new(SendNowOutcome.Sent, $"Digest {record.DigestId} sent: {record.ArticleCount} article(s).", record.DigestId, record.ArticleCount),
            DeliveryResult.Failed or DeliveryResult.Gone => new(SendNowOutcome.Failed,
                $"Digest {record.DigestId} failed: {after?.LastError}" + (after?.NextAttemptAt is { } next ? $"; retry at {next.ToString("u", CultureInfo.InvariantCulture)}." : "."), record.DigestId, record.ArticleCount),
            _ => new(SendNowOutcome.Held, $"Digest {record.DigestId} was not sent: {after?.LastError ?? "another run holds it."}", record.DigestId, record.ArticleCount),
        };
    }

    /// <summary>
    /// Two scheduled digests of one subscription whose windows overlap would send the same articles twice. They can
    /// only both exist when a send-now and the timer (or two send-nows) add them at the same moment; each calls this
    /// right after adding its own. A digest already claimed, sent or tried wins; otherwise the one whose window ends
    /// first (then the smaller id) wins, and the loser is marked superseded with a conditional write, which a claim
    /// of the loser (also conditional) excludes. Returns false when <paramref name="mine"/> stands down.
    /// </summary>
    private async Task<bool> TakeWindowAsync(DeliveryRecord mine, CancellationToken cancellationToken)
    {
        // One read: the outstanding rows and the newest scheduled digest sent over any part of this window.
        var open = await ledger.ReadOpenAsync(mine.SubscriptionId, mine.WindowStart, cancellationToken).ConfigureAwait(false);
        if (open.LatestSentScheduled is { } sent && sent.DigestId != mine.DigestId && sent.WindowEnd > mine.WindowStart)
        {
            return await StandDownAsync(mine, sent.DigestId, cancellationToken).ConfigureAwait(false);
        }
        var rivals = open.Outstanding
            .Where(r => r.Kind == DigestKind.Scheduled && r.DigestId != mine.DigestId && r.WindowStart < mine.WindowEnd && mine.WindowStart < r.WindowEnd)
            .ToList();
        foreach (var rival in rivals)
        {
            if (rival.State != DeliveryState.Pending || rival.Attempts > 0 || Precedes(rival, mine)
                || (await ledger.TryReplaceAsync(rival with { State = DeliveryState.Superseded, LastError = $"Superseded by digest {mine.DigestId}." }, cancellationToken).ConfigureAwait(false) is null
                    // The write lost: to the rival standing down by itself (then it is out of the way), or to a claim.
                    && (await ledger.GetAsync(rival.SubscriptionId, rival.DigestId, cancellationToken).ConfigureAwait(false))?.State != DeliveryState.Superseded))
            {
                return await StandDownAsync(mine, rival.DigestId, cancellationToken).ConfigureAwait(false);
            }
        }
        return true;
    }

    private async Task<bool> StandDownAsync(DeliveryRecord mine, string winner, CancellationToken cancellationToken)
    {
        // If this write loses, someone claimed or superseded mine meanwhile: either way this caller does not send it.
        await ledger.TryReplaceAsync(mine with { State = DeliveryState.Superseded, LastError = $"Superseded by digest {winner}." }, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private static bool Precedes(DeliveryRecord a, DeliveryRecord b) =>
        a.WindowEnd < b.WindowEnd || (a.WindowEnd == b.WindowEnd && string.CompareOrdinal(a.DigestId, b.DigestId) < 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Send-now for subscription {SubscriptionId}: digest {DigestId} {Result}")]
    private static partial void LogSendNow(ILogger logger, string subscriptionId, string digestId, DeliveryResult? result);
}
