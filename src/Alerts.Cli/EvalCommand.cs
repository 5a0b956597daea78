using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Evaluation;
using Alerts.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary><c>alerts eval &lt;corpus&gt;</c>: how well the rules and the extractor do on a labelled corpus.</summary>
internal static class EvalCommand
{
    private const int BatchSize = 8;

    public static Command Create()
    {
        var corpus = new Argument<string>("corpus") { Description = "A labelled corpus: a folder with labels/*.json and articles/*.txt (see docs/evaluation.md)." };
        var split = new Option<string?>("--split") { Description = "Score only the dev or the test articles (default: all)." };
        split.AcceptOnlyFromAmong("dev", "test");
        var rules = new Option<string?>("--rules") { Description = "A rule file or folder of rule files, added to the built-in rules." };
        var noBuiltin = new Option<bool>("--no-builtin-rules") { Description = "Score only the rules given with --rules." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of tables." };
        var thresholds = new Option<string[]>("--min")
        {
            Description = "A score the run must reach, NAME:METRIC=VALUE (e.g. troop-arrivals:recall=0.95, rules:precision=0.9, person:recall=0.85, entities:precision=0.9); repeatable. Below any, the exit code is 1.",
            AllowMultipleArgumentsPerToken = true,
        };
        var extractor = new Option<string>("--extractor") { Description = "embedded (offline, default) or azure (Azure AI Language; endpoint from settings).", DefaultValueFactory = _ => "embedded" };
        extractor.AcceptOnlyFromAmong("embedded", "azure");

        var command = new Command("eval", "Measure the rules and the entity extractor against a labelled corpus: precision, recall, F1 and what was missed.")
        {
            corpus, split, rules, noBuiltin, json, thresholds, extractor,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetRequiredValue(corpus), result.GetValue(split), result.GetValue(rules), result.GetValue(noBuiltin), result.GetValue(json),
            result.GetValue(thresholds) ?? [], result.GetRequiredValue(extractor), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string corpusPath, string? split, string? rulesPath, bool noBuiltin, bool json, string[] thresholdArgs, string extractor, CancellationToken cancellationToken)
    {
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (noBuiltin && rulesPath is null)
        {
            errors.MarkupLine("[red]--no-builtin-rules needs --rules: without either there is nothing to score.[/]");
            return 2;
        }
        EvaluationThresholds thresholds;
        IReadOnlyList<LabelledArticle> labelled;
        try
        {
            thresholds = EvaluationThresholds.Parse(thresholdArgs);
            labelled = EvaluationCorpus.Load(corpusPath, split);
        }
        catch (Exception ex) when (ex is FormatException or EvaluationCorpusException)
        {
            errors.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return 2;
        }

        await using var provider = CliServices.BuildAnalysis(rulesPath, noBuiltin, extractor, errors);
        if (provider is null)
        {
            return 2;
        }
        var catalog = provider.GetRequiredService<RuleCatalog>();
        var ruleIds = (await catalog.GetMatcherAsync(cancellationToken).ConfigureAwait(false)).Rules.Select(r => r.Rule.Id).ToList();
        var analyzer = provider.GetRequiredService<ArticleAnalyzer>();
        var language = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnalysisOptions>>().Value.DefaultLanguage;

        var evaluated = new List<EvaluatedArticle>(labelled.Count);
        foreach (var batch in labelled.Chunk(BatchSize))
        {
            var parsed = new List<Article>(batch.Length);
            foreach (var item in batch)
            {
                try
                {
                    parsed.Add(ArticleParser.Parse(Path.GetFileName(item.ArticlePath), await File.ReadAllBytesAsync(item.ArticlePath, cancellationToken).ConfigureAwait(false), language, cancellationToken));
                }
                catch (ArticleParseException ex)
                {
                    errors.MarkupLineInterpolated($"[red]{item.Id}: the article was refused ({ex.Reason}): {ex.Message}[/]");
                    return 2;
                }
            }
            var analyses = await analyzer.AnalyzeBatchAsync(parsed, cancellationToken).ConfigureAwait(false);
            evaluated.AddRange(batch.Select((item, i) => new EvaluatedArticle(
                item,
                analyses[i].Matches.ToDictionary(m => m.Rule, m => (IReadOnlyList<string>)[.. m.Snippets.Select(s => s.Text)], StringComparer.Ordinal),
                analyses[i].Entities)));
        }

        var report = EvaluationScorer.Score(evaluated, ruleIds, split);
        report = report with { Failures = thresholds.Check(report) };
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
        }
        else
        {
            Render(AnsiConsole.Console, report, corpusPath);
        }
        foreach (var failure in report.Failures)
        {
            errors.MarkupLineInterpolated($"[red]Below threshold:[/] {failure}");
        }
        return report.Failures.Count == 0 ? 0 : 1;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static void Render(IAnsiConsole console, EvaluationReport report, string corpus)
    {
        console.MarkupLineInterpolated($"[bold]{corpus}[/] [grey]({report.Split ?? "all splits"}, {report.Articles} articles)[/]");
        var rules = new Table().Border(TableBorder.Rounded).Title("Rules").AddColumn("Rule")
            .AddColumn(new TableColumn("Pos").RightAligned()).AddColumn(new TableColumn("Neg").RightAligned())
            .AddColumn(new TableColumn("TP").RightAligned()).AddColumn(new TableColumn("FP").RightAligned()).AddColumn(new TableColumn("FN").RightAligned())
            .AddColumn(new TableColumn("Precision").RightAligned()).AddColumn(new TableColumn("Recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned());
        foreach (var r in report.Rules)
        {
            rules.AddRow(Markup.Escape(r.Rule), Count(r.Positives), Count(r.Negatives), Count(r.TruePositives), Count(r.FalsePositives), Count(r.FalseNegatives),
                Score(r.Precision), Score(r.Recall), Score(r.F1));
        }
        console.Write(rules);

        var entities = new Table().Border(TableBorder.Rounded).Title("Entities").AddColumn("Category")
            .AddColumn(new TableColumn("Labelled").RightAligned()).AddColumn(new TableColumn("Found").RightAligned())
            .AddColumn(new TableColumn("Precision").RightAligned()).AddColumn(new TableColumn("Recall").RightAligned()).AddColumn(new TableColumn("F1").RightAligned());
        foreach (var e in report.Entities)
        {
            entities.AddRow(Markup.Escape(e.Category), Count(e.Labelled), Count(e.Found), Score(e.Precision), Score(e.Recall), Score(e.F1));
        }
        console.Write(entities);

        foreach (var r in report.Rules.Where(r => r.Missed.Count + r.FalseAlarms.Count > 0))
        {
            ConsoleHeading.Write(console, $"[bold]{Markup.Escape(r.Rule)}[/]");
            foreach (var miss in r.Missed)
            {
                console.MarkupLineInterpolated($"  [yellow]missed[/] {miss.Article}: {string.Join(" … ", miss.Sentences.DefaultIfEmpty("(no sentence labelled)"))}");
            }
            foreach (var alarm in r.FalseAlarms)
            {
                console.MarkupLineInterpolated($"  [red]false[/]  {alarm.Article}: {string.Join(" … ", alarm.Sentences)}");
            }
        }
        foreach (var e in report.Entities.Where(e => e.Missed.Count + e.Spurious.Count > 0))
        {
            ConsoleHeading.Write(console, $"[bold]{Markup.Escape(e.Category)}[/]");
            if (e.Missed.Count > 0)
            {
                console.MarkupLineInterpolated($"  [yellow]missed[/] {string.Join("; ", e.Missed)}");
            }
            if (e.Spurious.Count > 0)
            {
                console.MarkupLineInterpolated($"  [red]false[/]  {string.Join("; ", e.Spurious)}");
            }
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
