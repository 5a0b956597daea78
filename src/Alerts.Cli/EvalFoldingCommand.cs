using System.CommandLine;
using System.Globalization;
using Alerts.Stories;

namespace Alerts.Cli;

/// <summary><c>alerts eval-folding &lt;folder&gt;...</c>: folding precision and recall on a labelled set of story copies.</summary>
internal static class EvalFoldingCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders")
        {
            Description = "Folders of .txt articles: a file in a sub-folder is a copy of the story the sub-folder names; a file directly in the folder is a story of its own (e.g. eval/folding eval/articles).",
            Arity = ArgumentArity.OneOrMore,
        };
        var minPrecision = new Option<double?>("--min-precision") { Description = "Exit with 1 when precision is below this." };
        var minRecall = new Option<double?>("--min-recall") { Description = "Exit with 1 when recall is below this." };
        var command = new Command("eval-folding", "Measure how well copies of one story are folded together and other stories kept apart: pair precision and recall.")
        {
            folders, minPrecision, minRecall,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var paths = result.GetRequiredValue(folders);
            if (paths.FirstOrDefault(p => !Directory.Exists(p)) is { } missing)
            {
                Console.Error.WriteLine($"No folder {missing}.");
                return Task.FromResult(2);
            }
            var report = FoldingEvaluation.Run(paths, cancellationToken);
            var culture = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(culture, $"Texts: {report.Texts} in {report.Stories} stories; same-story pairs {report.SameStoryPairs}, folded pairs {report.FoldedPairs}, both {report.CorrectPairs}"));
            Console.WriteLine(string.Create(culture, $"Precision: {report.Precision:0.000}  Recall: {report.Recall:0.000}"));
            Console.WriteLine(string.Create(culture, $"Lowest containment of a same-story pair: {report.LowestSameStoryContainment:0.00}; highest of two stories: {report.HighestOtherStoryContainment:0.00} (folding at {StoryFolder.SameStory:0.00})"));
            Console.WriteLine($"Closest two stories: {report.ClosestOtherStories}");
            foreach (var miss in report.Missed.Take(20))
            {
                Console.WriteLine($"  missed: {miss}");
            }
            foreach (var wrong in report.WronglyFolded.Take(20))
            {
                Console.WriteLine($"  wrongly folded: {wrong}");
            }
            var failed = report.Precision < (result.GetValue(minPrecision) ?? 0) || report.Recall < (result.GetValue(minRecall) ?? 0);
            return Task.FromResult(failed ? 1 : 0);
        });
        return command;
    }
}
