using System.CommandLine;
using System.Globalization;
using Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary><c>alerts deliveries</c>, <c>alerts redeliver</c> and <c>alerts send-digests</c>: the ledger, straight from storage.</summary>
internal static class DeliveryCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Deliveries();
        yield return Redeliver();
        yield return SendDigests();
    }

    private static Command Deliveries()
    {
        var failed = new Option<bool>("--failed") { Description = "Only digests whose every retry failed (waiting for `alerts redeliver`)." };
        var pending = new Option<bool>("--pending") { Description = "Only digests waiting for a (re)try." };
        var sending = new Option<bool>("--sending") { Description = "Only digests claimed by a run that is sending them (with the claim's expiry)." };
        var command = new Command("deliveries", "List digests in the delivery ledger.") { failed, pending, sending };
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var ledger = services.GetRequiredService<IDeliveryLedger>();
            DeliveryState? state = result.GetValue(failed) ? DeliveryState.Failed : result.GetValue(pending) ? DeliveryState.Pending : result.GetValue(sending) ? DeliveryState.Sending : null;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Digest", "Subscription", "Kind", "Window end", "State", "Attempts", "Articles", "Last error");
            var count = 0;
            await foreach (var r in ledger.ListByStateAsync(state, ct).ConfigureAwait(false))
            {
                count++;
                table.AddRow(Markup.Escape(r.DigestId), Markup.Escape(r.SubscriptionId), StoredValue.Of(r.Kind), r.WindowEnd.ToString("u", CultureInfo.InvariantCulture),
                    StateMarkup(r.State) + (r.State == DeliveryState.Sending && r.ClaimedUntil is { } until ? Markup.Escape($" (claimed until {until.ToString("u", CultureInfo.InvariantCulture)})") : ""), r.Attempts.ToString(CultureInfo.InvariantCulture), r.ArticleCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.LastError ?? ""));
            }
            if (count == 0)
            {
                AnsiConsole.MarkupLine("[grey]No deliveries.[/]");
            }
            else
            {
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    private static Command Redeliver()
    {
        var digest = new Argument<string>("digest-id") { Description = "The digest to send again (see `alerts deliveries --failed`)." };
        var command = new Command("redeliver", "Send a failed digest again, with the same id; a failing subscription becomes active.") { digest };
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var id = result.GetRequiredValue(digest);
            DeliveryRecord? record = null;
            await foreach (var r in services.GetRequiredService<IDeliveryLedger>().ListByStateAsync(null, ct).ConfigureAwait(false))
            {
                if (r.DigestId == id)
                {
                    record = r;
                    break;
                }
            }
            if (record is null)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No digest {id} in the ledger.[/]");
                return 1;
            }
            var outcome = await services.GetRequiredService<DeliveryService>().RedeliverAsync(record.SubscriptionId, id, ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Digest {id}: {outcome?.ToString().ToLowerInvariant() ?? "not sent (another run holds it, or the subscription is gone)"}");
            return outcome == DeliveryResult.Sent ? 0 : 1;
        });
        return command;
    }

    private static Command SendDigests()
    {
        var subscription = new Option<string?>("--subscription") { Description = "With --now: the subscription whose digest to send." };
        var now = new Option<bool>("--now") { Description = "Close the subscription's current window now and send its digest (the next scheduled one starts from here)." };
        var target = new ApiTarget();
        var command = new Command("send-digests", "Run the digest timer's work once now (digests whose window has closed, and retries that are due); or, with --subscription and --now, send one subscription's digest now.")
        {
            subscription, now,
        };
        target.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(now) != (r.GetValue(subscription) is not null))
            {
                r.AddError("--now and --subscription go together: `alerts send-digests --subscription <id> --now`.");
            }
        });
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(subscription) is { } id)
            {
                return await SendNowAsync(target, result, id, ct).ConfigureAwait(false);
            }
            await using var services = CliServices.Build(CliConfiguration.Build());
            // Settings are checked before any digest is claimed: a missing sender fails here, not halfway through a send.
            try
            {
                services.GetService<IStartupValidator>()?.Validate();
            }
            catch (OptionsValidationException ex)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Settings are not valid; nothing was sent: {ex.Message}[/]");
                return 2;
            }
            var summary = await services.GetRequiredService<DeliveryService>().RunAsync(ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{summary.Subscriptions} active subscriptions: [green]{summary.Sent} sent[/], [red]{summary.Failed} failed[/], {summary.Retried} retried, [yellow]{summary.Held} held by another run[/], {summary.NotDue} not yet due, {summary.Empty} with nothing new.");
            if (summary.Held > 0)
            {
                AnsiConsole.MarkupLine("[grey]Held digests are claimed by a run that is sending them; see `alerts deliveries` for the claim's expiry.[/]");
            }
            return summary.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<int> SendNowAsync(ApiTarget target, ParseResult result, string id, CancellationToken ct)
    {
        await using var client = target.CreateClient(result);
        var (status, body) = await client.SendDigestNowAsync(id, ct).ConfigureAwait(false);
        var message = body?["message"]?.GetValue<string>() ?? body?["title"]?.GetValue<string>() ?? $"HTTP {status}";
        var outcome = body?["outcome"]?.GetValue<string>();
        var color = outcome switch { "sent" => "green", "nothing-new" => "grey", _ => "red" };
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[{color}]{message}[/]");
        return status == 200 && outcome is "sent" or "nothing-new" ? 0 : 1;
    }

    private static string StateMarkup(DeliveryState state) => state switch
    {
        DeliveryState.Sent => "[green]sent[/]",
        DeliveryState.Failed => "[red]failed[/]",
        DeliveryState.Sending => "[yellow]sending[/]",
        DeliveryState.Superseded => "[grey]superseded[/]",
        _ => "[yellow]pending[/]",
    };
}
