using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alerts.Api;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>
/// <c>alerts articles</c>, <c>alerts article &lt;id&gt;</c> and <c>alerts matches &lt;rule-id&gt;</c>: what the pipeline
/// did, from storage (or a running app's API with <c>--api</c>). A table for people; <c>--json</c> writes the API's
/// body as it is, for scripts.
/// </summary>
internal static partial class ResultsCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<Command> Create()
    {
        yield return Articles();
        yield return Article();
        yield return Matches();
    }

    private static Option<int?> LimitOption() => new("--limit") { Description = $"How many to show (1–{ResultsApi.MaxLimit}, default {ResultsApi.DefaultLimit})." };

    private static Option<string?> NextOption() => new("--next") { Description = "Continue a listing: the token the previous page printed." };

    private static Option<bool> JsonOption() => new("--json") { Description = "Write the JSON body (items and continuation) instead of a table." };

    private static Command Articles()
    {
        var limit = LimitOption();
        var status = new Option<string?>("--status") { Description = "Only analysed, duplicate or failed (refused) uploads." };
        status.AcceptOnlyFromAmong("analysed", "duplicate", "failed");
        var next = NextOption();
        var json = JsonOption();
        var target = new ApiTarget();
        var command = new Command("articles", "List recent uploads, newest first: analysed, duplicate, or failed with the reason.") { limit, status, next, json };
        target.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            await using var client = target.CreateResultsClient(result);
            var (code, body) = await client.ListArticlesAsync(result.GetValue(limit), result.GetValue(status), result.GetValue(next), ct).ConfigureAwait(false);
            if (result.GetValue(json) || code != 200)
            {
                return Finish(result.GetValue(json), code, body);
            }
            var items = body?["items"]?.AsArray() ?? [];
            if (items.Count == 0)
            {
                AnsiConsole.MarkupLine(result.GetValue(next) is null ? "[grey]No uploads recorded yet.[/]" : "[grey]No more uploads.[/]");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Time", "Status", "Upload", "Article", "Title", "Matches", "Reason");
            foreach (var a in items)
            {
                var failed = Text(a, "status") == "failed";
                table.AddRow(
                    Time(a, "time"),
                    StatusMarkup(Text(a, "status")),
                    Markup.Escape(Text(a, "name")),
                    Markup.Escape(ShortId(Text(a, "articleId"))),
                    Markup.Escape(Text(a, "title")),
                    failed ? "" : Text(a, "matchCount"),
                    failed ? $"[red]{Markup.Escape(Text(a, "reason"))}[/]: {Markup.Escape(Text(a, "message"))}" : Markup.Escape(Text(a, "message")));
            }
            AnsiConsole.Write(table);
            More(body, "alerts articles", ("--status", result.GetValue(status)), ("--limit", result.GetValue(limit)?.ToString(CultureInfo.InvariantCulture)));
            return 0;
        });
        return command;
    }

    private static Command Article()
    {
        var id = new Argument<string>("id") { Description = $"The article id, or its first {ResultsApi.MinIdPrefix} or more digits (as `alerts articles` shows it)." };
        var json = JsonOption();
        var target = new ApiTarget();
        var command = new Command("article", "Show one analysis: title, source, entities by category, the rules it met with snippets.") { id, json };
        target.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            await using var client = target.CreateResultsClient(result);
            var (code, body) = await client.GetArticleAsync(result.GetRequiredValue(id), ct).ConfigureAwait(false);
            if (result.GetValue(json) || code != 200)
            {
                return Finish(result.GetValue(json), code, body);
            }
            ShowArticle(body!);
            return 0;
        });
        return command;
    }

    private static Command Matches()
    {
        var rule = new Argument<string>("rule-id") { Description = "A watch rule id (the catalogue: GET /api/rules, or rules/*.json)." };
        var since = new Option<string?>("--since") { Description = "How far back: 30m, 24h, 7d, 2w (default 7d)." };
        var from = new Option<string?>("--from") { Description = "Window start, ISO 8601 (UTC unless it says otherwise), e.g. 2026-01-31T08:00." };
        var to = new Option<string?>("--to") { Description = "Window end (exclusive), ISO 8601; default now." };
        var limit = LimitOption();
        var next = NextOption();
        var json = JsonOption();
        var target = new ApiTarget();
        var command = new Command("matches", "List a rule's matches in a time window, newest first.") { rule, since, from, to, limit, next, json };
        target.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(since) is not null && result.GetValue(from) is not null)
            {
                AnsiConsole.MarkupLine("[red]Give --since or --from, not both.[/]");
                return 2;
            }
            var end = ParseTime(result.GetValue(to), "--to", out var badTo);
            var start = ParseTime(result.GetValue(from), "--from", out var badFrom);
            TimeSpan? back = null;
            if (result.GetValue(since) is { } text)
            {
                back = ParseDuration(text);
                if (back is null)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]--since needs a duration such as 30m, 24h, 7d or 2w; got '{text}'.[/]");
                    return 2;
                }
            }
            if (badTo || badFrom)
            {
                return 2;
            }
            if (back is { } span)
            {
                var upper = end ?? DateTimeOffset.UtcNow;
                (start, end) = (upper - span, upper);
            }
            await using var client = target.CreateResultsClient(result);
            var (code, body) = await client.ListRuleMatchesAsync(result.GetRequiredValue(rule), start, end, result.GetValue(limit), result.GetValue(next), ct).ConfigureAwait(false);
            if (result.GetValue(json) || code != 200)
            {
                return Finish(result.GetValue(json), code, body);
            }
            var items = body?["items"]?.AsArray() ?? [];
            if (items.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]No matches in this window.[/]");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Matched", "Severity", "Article", "Title", "Source");
            foreach (var m in items)
            {
                table.AddRow(Time(m, "matchedAt"), SeverityMarkup(Text(m, "severity")), Markup.Escape(ShortId(Text(m, "articleId"))), Markup.Escape(Text(m, "title")), Markup.Escape(Text(m, "source")));
            }
            AnsiConsole.Write(table);
            More(body, $"alerts matches {result.GetRequiredValue(rule)}", ("--from", ResultsQuery.Time(start)), ("--to", ResultsQuery.Time(end)),
                ("--limit", result.GetValue(limit)?.ToString(CultureInfo.InvariantCulture)));
            return 0;
        });
        return command;
    }

    private static void ShowArticle(JsonNode a)
    {
        ConsoleHeading.Write(AnsiConsole.Console, $"[bold]{Markup.Escape(Text(a, "title") is { Length: > 0 } title ? title : "(no title)")}[/]");
        var meta = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        meta.AddRow("[grey]Id[/]", Markup.Escape(Text(a, "id")));
        meta.AddRow("[grey]Upload[/]", Markup.Escape(Text(a, "upload")));
        meta.AddRow("[grey]Source[/]", Markup.Escape(Text(a, "source") is { Length: > 0 } source ? source : "—"));
        meta.AddRow("[grey]Published[/]", a["publishedAt"] is null ? "—" : Time(a, "publishedAt"));
        meta.AddRow("[grey]URL[/]", Markup.Escape(Text(a, "url") is { Length: > 0 } url ? url : "—"));
        meta.AddRow("[grey]Analysed[/]", Time(a, "analyzedAt") + Markup.Escape($" ({Text(a, "extractor")})"));
        AnsiConsole.Write(meta);
        foreach (var warning in a["warnings"]?.AsArray() ?? [])
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]Warning:[/] {warning?.ToString()}");
        }

        var groups = a["entities"]?.AsArray() ?? [];
        if (groups.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No entities found.[/]");
        }
        else
        {
            var entities = new Table().Border(TableBorder.Rounded).Title("Entities").AddColumn("Category").AddColumn("Found");
            foreach (var g in groups)
            {
                var names = (g?["names"]?.AsArray() ?? []).Select(n => Markup.Escape(Text(n, "text")) + (n?["mentions"]?.GetValue<int>() is > 1 and var k ? $" [grey]×{k}[/]" : ""));
                entities.AddRow(Markup.Escape(Text(g, "category")), string.Join(", ", names));
            }
            AnsiConsole.Write(entities);
        }

        var matches = a["matches"]?.AsArray() ?? [];
        if (matches.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No watch rule matched.[/]");
            return;
        }
        AnsiConsole.MarkupLine("[bold]Matches[/]");
        foreach (var m in matches)
        {
            AnsiConsole.MarkupLine($"  {SeverityMarkup(Text(m, "severity"))} [bold]{Markup.Escape(Text(m, "title"))}[/] [grey]({Markup.Escape(Text(m, "rule"))})[/]");
            foreach (var snippet in m?["snippets"]?.AsArray() ?? [])
            {
                AnsiConsole.Write(new Padder(new Markup("• " + Emphasis(snippet?.ToString() ?? ""))).Padding(4, 0, 0, 0));
            }
        }
    }

    /// <summary>A snippet's Markdown emphasis (<c>**word**</c>) as console markup, the text escaped.</summary>
    private static string Emphasis(string marked) =>
        string.Concat(marked.Split("**").Select((part, i) => i % 2 == 1 ? $"[bold yellow]{Markup.Escape(part)}[/]" : Markup.Escape(part)));

    /// <summary>The body as JSON for <c>--json</c>, or the problem for people; exit 0 only for a 200.</summary>
    private static int Finish(bool json, int code, JsonNode? body)
    {
        if (!json)
        {
            return SubscriptionCommands.Problem(code, body);
        }
        Console.Out.WriteLine(body?.ToJsonString(Indented) ?? "null");
        return code == 200 ? 0 : 1;
    }

    private static void More(JsonNode? body, string command, params (string Option, string? Value)[] options)
    {
        if (body?["continuation"]?.ToString() is not { Length: > 0 } token)
        {
            return;
        }
        var args = string.Concat(options.Where(o => o.Value is not null).Select(o => $" {o.Option} {o.Value}"));
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]More: {command}{args} --next {token}[/]");
    }

    private static DateTimeOffset? ParseTime(string? text, string option, out bool bad)
    {
        bad = false;
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{option} needs an ISO 8601 time such as 2026-01-31T08:00Z; got '{text}'.[/]");
        bad = true;
        return null;
    }

    internal static TimeSpan? ParseDuration(string text)
    {
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }
        var span = m.Groups[2].Value switch
        {
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7.0 * n),
        };
        // Past year one the window start would not exist.
        return span < TimeSpan.FromDays(365 * 100) ? span : null;
    }

    [GeneratedRegex("^([0-9]{1,6})([mhdw])$")]
    private static partial Regex DurationPattern();

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    private static string Time(JsonNode? node, string property) =>
        node?[property]?.GetValue<DateTimeOffset>().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Text(JsonNode? node, string property) => node?[property]?.ToString() ?? "";

    private static string StatusMarkup(string status) => status switch
    {
        "analysed" => "[green]analysed[/]",
        "failed" => "[red]failed[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };

    private static string SeverityMarkup(string severity) => severity switch
    {
        "critical" => "[bold white on red] CRITICAL [/]",
        "high" => "[bold red]high[/]",
        "medium" => "[yellow]medium[/]",
        _ => $"[grey]{Markup.Escape(severity)}[/]",
    };
}
