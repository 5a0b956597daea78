using System.CommandLine;
using System.Globalization;
using Alerts.Stories;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>
/// <c>alerts stories prune</c>: the prune timer's work once now, against the configured storage. Safe while the
/// hosts run, and while the timer runs too.
/// </summary>
internal static class StoryCommands
{
    public static Command Create()
    {
        var command = new Command("stories", "Look after the near-duplicate story index.");
        command.Subcommands.Add(Prune());
        return command;
    }

    private static Command Prune()
    {
        var maxRows = new Option<int?>("--max-rows") { Description = "Delete at most this many rows (default: the Alerts:Stories:PruneMaxRows setting)." };
        maxRows.Validators.Add(r =>
        {
            if (r.GetValue(maxRows) is < 1)
            {
                r.AddError("--max-rows must be at least 1.");
            }
        });
        var command = new Command("prune", "Delete story index rows older than the story window (plus an hour); run it again to go on after the limit.") { maxRows };
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var pruning = services.GetRequiredService<StoryIndexPruning>();
            var cutoff = pruning.Cutoff;
            var pruned = await pruning.PruneAsync(result.GetValue(maxRows), ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Story index: {pruned.Deleted} rows deleted ({pruned.BucketRows} bucket rows, {pruned.ArticleRows} article rows) added before {cutoff.ToString("u", CultureInfo.InvariantCulture)}.");
            if (!pruned.Complete)
            {
                AnsiConsole.MarkupLine("[yellow]Stopped at the row limit; older rows remain: run it again.[/]");
            }
            return 0;
        });
        return command;
    }
}
