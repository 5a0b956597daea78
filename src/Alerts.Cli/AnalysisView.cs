using System.Globalization;
using Alerts.Rules;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>The human view of <c>alerts analyze</c>: metadata, entities by category, matches with marked snippets.</summary>
internal static class AnalysisView
{
    public static void Render(IAnsiConsole console, FileReport report)
    {
        ConsoleHeading.Write(console, $"[grey]{Markup.Escape(report.File)}[/]");
        if (report.Analysis is not { } analysis)
        {
            console.MarkupLineInterpolated($"[red]Refused ({report.Reason}):[/] {report.Error}");
            console.WriteLine();
            return;
        }

        var article = analysis.Article;
        console.MarkupLineInterpolated($"[bold]{article.Title ?? "(no title)"}[/]");
        var meta = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        meta.AddRow("[grey]Outlet[/]", Markup.Escape(article.Source ?? "—"));
        meta.AddRow("[grey]Published[/]", article.PublishedAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—");
        meta.AddRow("[grey]URL[/]", Markup.Escape(article.Url?.ToString() ?? "—"));
        if (article.Credits.Count > 0)
        {
            meta.AddRow("[grey]Credits[/]", Markup.Escape(string.Join(", ", article.Credits)));
        }
        meta.AddRow("[grey]Body[/]", $"{article.Body.Length:N0} characters, {article.Body.Split("\n\n").Length} paragraphs");
        meta.AddRow("[grey]Extractor[/]", Markup.Escape(analysis.Extractor) + (analysis.TextRecords > 0 ? $" ({analysis.TextRecords} text records)" : ""));
        meta.AddRow("[grey]Id[/]", article.Id[..16] + "…");
        console.Write(meta);
        foreach (var warning in analysis.Warnings)
        {
            console.MarkupLineInterpolated($"[yellow]Warning:[/] {warning}");
        }

        if (analysis.Entities.Count > 0)
        {
            var entities = new Table().Border(TableBorder.Rounded).Title("Entities").AddColumn("Category").AddColumn("Found");
            foreach (var group in analysis.Entities.GroupBy(e => e.Subcategory is null ? e.Category : $"{e.Category} / {e.Subcategory}").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var texts = group.GroupBy(e => e.Text, StringComparer.Ordinal)
                    .Select(g => g.Count() > 1 ? $"{Markup.Escape(g.Key)} [grey]×{g.Count()}[/]" : Markup.Escape(g.Key));
                entities.AddRow(Markup.Escape(group.Key), string.Join(", ", texts));
            }
            console.Write(entities);
        }
        else
        {
            console.MarkupLine("[grey]No entities found.[/]");
        }

        if (analysis.Matches.Count == 0)
        {
            console.MarkupLine("[grey]No watch rule matched.[/]");
        }
        else
        {
            console.MarkupLine("[bold]Matches[/]");
            // Most severe first; rules of one severity in catalogue order (OrderBy is stable).
            foreach (var match in analysis.Matches.OrderByDescending(m => m.Severity))
            {
                console.MarkupLine($"  {SeverityMarkup(match.Severity)} [bold]{Markup.Escape(match.Title)}[/] [grey]({Markup.Escape(match.Rule)})[/]");
                foreach (var snippet in match.Snippets)
                {
                    console.Write(new Padder(new Markup("• " + snippet.Mark("[bold yellow]", "[/]", Markup.Escape))).Padding(4, 0, 0, 0));
                }
            }
        }
        console.WriteLine();
    }

    public static void RenderSummary(IAnsiConsole console, IReadOnlyList<FileReport> reports)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Summary").AddColumn("File").AddColumn("Title").AddColumn("Entities").AddColumn("Rules matched");
        foreach (var r in reports)
        {
            table.AddRow(
                Markup.Escape(Path.GetFileName(r.File)),
                r.Analysis is null ? $"[red]refused: {Markup.Escape(r.Reason ?? "")}[/]" : Markup.Escape(r.Analysis.Article.Title ?? "—"),
                r.Analysis?.Entities.Count.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Analysis is null ? "" : Markup.Escape(string.Join(", ", r.Analysis.Matches.Select(m => m.Rule))));
        }
        console.Write(table);
    }

    private static string SeverityMarkup(Severity severity) => severity switch
    {
        Severity.Critical => "[bold white on red] CRITICAL [/]",
        Severity.High => "[bold red]high[/]",
        Severity.Medium => "[yellow]medium[/]",
        _ => "[grey]low[/]",
    };
}
