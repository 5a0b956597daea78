using System.CommandLine;
using System.Globalization;
using Alerts.Delivery;
using Microsoft.Extensions.DependencyInjection;
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
        var command = new Command("deliveries", "List digests in the delivery ledger.") { failed, pending };
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var ledger = services.GetRequiredService<IDeliveryLedger>();
            DeliveryState? state = result.GetValue(failed) ? DeliveryState.Failed : result.GetValue(pending) ? DeliveryState.Pending : null;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Digest", "Subscription", "Kind", "Window end", "State", "Attempts", "Articles", "Last error");
            var count = 0;
            await foreach (var r in ledger.ListByStateAsync(state, ct).ConfigureAwait(false))
            {
                count++;
                table.AddRow(Markup.Escape(r.DigestId), Markup.Escape(r.SubscriptionId), StoredValue.Of(r.Kind), r.WindowEnd.ToString("u", CultureInfo.InvariantCulture),
                    StateMarkup(r.State), r.Attempts.ToString(CultureInfo.InvariantCulture), r.ArticleCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.LastError ?? ""));
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
        var command = new Command("send-digests", "Run the digest timer's work once now: due digests and retries.");
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var summary = await services.GetRequiredService<DeliveryService>().RunAsync(ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{summary.Subscriptions} active subscriptions: [green]{summary.Sent} sent[/], [red]{summary.Failed} failed[/], {summary.Empty} with nothing new.");
            return summary.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static string StateMarkup(DeliveryState state) => state switch
    {
        DeliveryState.Sent => "[green]sent[/]",
        DeliveryState.Failed => "[red]failed[/]",
        DeliveryState.Sending => "[yellow]sending[/]",
        _ => "[yellow]pending[/]",
    };
}
