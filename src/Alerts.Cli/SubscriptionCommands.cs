using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary><c>alerts subscribe</c>, <c>alerts subscriptions</c> (and <c>reindex</c>), <c>alerts unsubscribe</c>.</summary>
internal static class SubscriptionCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Subscribe();
        yield return List();
        yield return Unsubscribe();
    }

    private static Command Subscribe()
    {
        var email = new Option<string?>("--email") { Description = "Email address to send digests to (double opt-in: a confirmation link is sent first)." };
        var webhook = new Option<string?>("--webhook") { Description = "HTTPS URL to POST signed digests to (it must echo the validation handshake)." };
        var chatTarget = new Option<string?>("--target") { Description = "With --channel: the address or URL to deliver to (for teams or slack, the channel's incoming webhook URL)." };
        var rules = new Option<string[]>("--rule") { Description = "A rule id to watch (repeatable; the catalogue is GET /api/rules, or rules/*.json).", AllowMultipleArgumentsPerToken = false };
        var queries = new Option<string[]>("--query") { Description = "Your own query, in the rules' query syntax (repeatable)." };
        var channel = new Option<string?>("--channel") { Description = "email, webhook, feed, teams or slack (default: from --email or --webhook). A feed needs no address: its URL is printed. Teams and Slack take --target, and a \"subscribed\" message is posted to it first." };
        channel.AcceptOnlyFromAmong("email", "webhook", "feed", "teams", "slack");
        // No default here: the app's is daily for email and webhooks, and a feed shows each match as it comes.
        var cadence = new Option<string?>("--cadence") { Description = "immediate, hourly or daily (default daily; a feed has none)." };
        cadence.AcceptOnlyFromAmong("immediate", "hourly", "daily");
        var at = new Option<string?>("--at") { Description = "Daily digests: local time, HH:mm (default 08:00)." };
        var zone = new Option<string?>("--time-zone") { Description = "Daily digests: IANA time zone, e.g. Europe/Kyiv (default UTC)." };
        var target = new ApiTarget();
        var command = new Command("subscribe", "Subscribe an email address, a webhook, a Teams or Slack channel, or a feed to rules or queries.") { email, webhook, channel, chatTarget, rules, queries, cadence, at, zone };
        target.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var (address, url) = (result.GetValue(email), result.GetValue(webhook));
            var (named, namedTarget) = (result.GetValue(channel), result.GetValue(chatTarget));
            var chosen = named ?? (address is not null ? "email" : url is not null ? "webhook" : null);
            var given = new[] { address, url, namedTarget }.Count(v => v is not null);
            var valid = chosen switch
            {
                "feed" => given == 0,
                "email" => given == 1 && url is null,
                "webhook" => given == 1 && address is null,
                "teams" or "slack" => given == 1 && namedTarget is not null,
                _ => false,
            };
            if (!valid)
            {
                AnsiConsole.MarkupLine("[red]Give exactly one of --email, --webhook, --channel teams|slack with --target, or --channel feed (a feed takes no address).[/]");
                return 2;
            }
            await using var client = target.CreateClient(result);
            var (status, body) = await client.CreateAsync(new SubscriptionRequest
            {
                Channel = chosen,
                Target = namedTarget ?? address ?? url,
                Rules = result.GetValue(rules) ?? [],
                Queries = result.GetValue(queries) ?? [],
                Cadence = result.GetValue(cadence),
                At = result.GetValue(at),
                TimeZone = result.GetValue(zone),
            }, ct).ConfigureAwait(false);
            if (status != 201)
            {
                return Problem(status, body);
            }
            Show(body!);
            if (body?["feedUrl"]?.GetValue<string>() is { } feedUrl)
            {
                // Printed whole and alone on its line, so it can be copied into a feed reader.
                AnsiConsole.MarkupLine("[yellow]Feed URL (add it to a feed reader; anyone holding it can read the feed):[/]");
                Console.Out.WriteLine(feedUrl);
            }
            if (body?["signingSecret"]?.GetValue<string>() is { } secret)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]Signing secret (shown once, keep it safe):[/] {secret}");
            }
            if (body?["message"]?.GetValue<string>() is { } message)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{message}[/]");
            }
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var id = new Argument<string?>("id") { Description = "Show one subscription.", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<string?>("--status") { Description = "Only pending, active, paused, failing or unsubscribed." };
        var target = new ApiTarget();
        var command = new Command("subscriptions", "List subscriptions, or show one.") { id, status };
        target.AddTo(command);
        command.Subcommands.Add(Reindex());
        command.SetAction(async (result, ct) =>
        {
            await using var client = target.CreateClient(result);
            if (result.GetValue(id) is { } one)
            {
                var (s, body) = await client.GetAsync(one, ct).ConfigureAwait(false);
                if (s != 200)
                {
                    return Problem(s, body);
                }
                Show(body!);
                return 0;
            }
            var (code, list) = await client.ListAsync(result.GetValue(status), ct).ConfigureAwait(false);
            if (code != 200)
            {
                return Problem(code, list);
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Id", "Channel", "Target", "Watches", "Cadence", "Status", "Delivered until");
            foreach (var s in list!.AsArray())
            {
                table.AddRow(Text(s, "id"), Text(s, "channel"), Markup.Escape(Target(s!)), Watches(s!), Cadence(s!), Text(s, "status"), Text(s, "deliveredUntil"));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>alerts subscriptions reindex</c>: mends the subscription index (rows by watched rule that immediate alerts
    /// read) from the subscriptions themselves. Works on the configured storage; safe to run at any time, or twice.
    /// </summary>
    private static Command Reindex()
    {
        var command = new Command("reindex", "Repair the index of subscriptions by rule from the subscriptions (storage directly; safe to repeat).");
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var repair = await services.GetRequiredService<SubscriptionIndexing>().RepairAsync(services.GetRequiredService<ISubscriptionStore>(), ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Subscription index: {repair.Subscriptions} subscriptions checked, {repair.Added} rows added, {repair.Removed} rows removed.");
            return 0;
        });
        return command;
    }

    private static Command Unsubscribe()
    {
        var id = new Argument<string>("id") { Description = "The subscription to end." };
        var target = new ApiTarget();
        var command = new Command("unsubscribe", "End a subscription.") { id };
        target.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            await using var client = target.CreateClient(result);
            var (status, body) = await client.DeleteAsync(result.GetRequiredValue(id), ct).ConfigureAwait(false);
            if (status != 204)
            {
                return Problem(status, body);
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Unsubscribed [bold]{result.GetRequiredValue(id)}[/].");
            return 0;
        });
        return command;
    }

    private static void Show(JsonNode s)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        grid.AddRow("[grey]Id[/]", Markup.Escape(Text(s, "id")));
        grid.AddRow("[grey]Channel[/]", Markup.Escape(Text(s, "channel")));
        grid.AddRow("[grey]Target[/]", Markup.Escape(Target(s)));
        grid.AddRow("[grey]Watches[/]", Watches(s));
        grid.AddRow("[grey]Cadence[/]", Cadence(s));
        grid.AddRow("[grey]Status[/]", Markup.Escape(Text(s, "status")));
        if (s["lastError"] is not null)
        {
            grid.AddRow("[grey]Last error[/]", Markup.Escape(Text(s, "lastError")));
        }
        AnsiConsole.Write(grid);
    }

    /// <summary>The address, or a feed's URL (a feed has no address).</summary>
    private static string Target(JsonNode s) => s["feedUrl"] is { } feed ? feed.ToString() : Text(s, "target");

    private static string Watches(JsonNode s) => Markup.Escape(string.Join(", ",
        (s["rules"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).Concat(s["queries"]?.AsArray().Select(q => $"\"{q}\"") ?? [])));

    private static string Cadence(JsonNode s) => Markup.Escape(Text(s, "cadence") + (s["at"] is null ? "" : $" at {Text(s, "at")} {Text(s, "timeZone")}"));

    private static string Text(JsonNode? node, string property) => node?[property]?.ToString() ?? "";

    internal static int Problem(int status, JsonNode? body)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{status}: {Text(body, "title")}[/]");
        foreach (var error in body?["errors"]?.AsArray() ?? [])
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  • {error?.ToString()}");
        }
        return 1;
    }
}
