using System.CommandLine;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Rules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary><c>alerts analyze &lt;file|folder&gt;...</c>: the whole analysis, offline, for files on disk.</summary>
internal static class AnalyzeCommand
{
    // The Language service takes 5 documents a request; batches of articles let it fill them.
    private const int BatchSize = 8;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Article files (.txt, .md, .html, .json, .pdf, .docx) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file (JSON Lines) instead of tables." };
        var rules = new Option<string?>("--rules") { Description = "A rule file or folder of rule files, added to the built-in rules." };
        var noBuiltin = new Option<bool>("--no-builtin-rules") { Description = "Apply only the rules given with --rules." };
        var extractor = new Option<string>("--extractor") { Description = "embedded (offline, default) or azure (Azure AI Language; endpoint from settings).", DefaultValueFactory = _ => "embedded" };
        extractor.AcceptOnlyFromAmong("embedded", "azure");

        var command = new Command("analyze", "Parse articles, extract entities and match the watch rules.") { paths, json, rules, noBuiltin, extractor };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetRequiredValue(paths), result.GetValue(json), result.GetValue(rules), result.GetValue(noBuiltin), result.GetRequiredValue(extractor), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, bool json, string? rulesPath, bool noBuiltin, string extractor, CancellationToken cancellationToken)
    {
        var output = json ? null : AnsiConsole.Console;
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (noBuiltin && rulesPath is null)
        {
            errors.MarkupLine("[red]--no-builtin-rules needs --rules: without either there is nothing to match.[/]");
            return 2;
        }

        await using var provider = CliServices.BuildAnalysis(rulesPath, noBuiltin, extractor, errors);
        if (provider is null)
        {
            return 2;
        }
        var analyzer = provider.GetRequiredService<ArticleAnalyzer>();
        var language = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnalysisOptions>>().Value.DefaultLanguage;

        var files = InputFiles.Expand(paths, out var missing);
        foreach (var path in missing)
        {
            errors.MarkupLineInterpolated($"[red]Not found:[/] {path}");
        }
        if (files.Count == 0)
        {
            errors.MarkupLine("[red]No article files to analyse.[/]");
            return 2;
        }

        var failures = missing.Count;
        var reports = new List<FileReport>();
        async Task ProcessAsync(Action<int>? advance)
        {
            foreach (var batch in files.Chunk(BatchSize))
            {
                var parsed = new List<(string File, Article Article)>();
                foreach (var file in batch)
                {
                    try
                    {
                        parsed.Add((file, ArticleParser.Parse(Path.GetFileName(file), await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), language, cancellationToken)));
                    }
                    catch (ArticleParseException ex)
                    {
                        failures++;
                        reports.Add(FileReport.Failed(file, ex.Reason, ex.Message));
                    }
                }
                var analyses = await analyzer.AnalyzeBatchAsync([.. parsed.Select(p => p.Article)], cancellationToken).ConfigureAwait(false);
                reports.AddRange(parsed.Select((p, i) => FileReport.Analysed(p.File, analyses[i])));
                advance?.Invoke(batch.Length);
            }
        }

        if (json || files.Count == 1)
        {
            await ProcessAsync(null).ConfigureAwait(false);
        }
        else
        {
            await errors.Progress().AutoClear(true).StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Analysing {files.Count} articles", maxValue: files.Count);
                await ProcessAsync(n => task.Increment(n)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        foreach (var report in reports.OrderBy(r => files.IndexOf(r.File)))
        {
            if (output is null)
            {
                Console.Out.WriteLine(report.ToJson());
            }
            else
            {
                AnalysisView.Render(output, report);
            }
        }
        if (output is not null && files.Count > 1)
        {
            AnalysisView.RenderSummary(output, reports);
        }
        return failures == 0 ? 0 : 1;
    }
}
