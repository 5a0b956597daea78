using Alerts.Articles;

namespace Alerts.Stories;

/// <summary>
/// Folding measured on a labelled set: every pair of texts is folded or not (a shared LSH bucket and an estimated
/// containment of at least <see cref="StoryFolder.SameStory"/>, as the pipeline decides), against the label "same
/// story". A file in a sub-folder belongs to the story named by the folder; a file directly in a given folder is a
/// story of its own named by the file, so <c>eval/folding</c> (copies in <c>&lt;id&gt;/</c>) and <c>eval/articles</c>
/// (<c>&lt;id&gt;.txt</c>) together label each corpus text with its copies.
/// </summary>
public static class FoldingEvaluation
{
    public static FoldingReport Run(IEnumerable<string> folders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var texts = new List<(string Story, string Name, StorySignature? Signature, HashSet<string> Keys)>();
        foreach (var folder in folders)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(folder, path);
                var story = Path.GetDirectoryName(relative) is { Length: > 0 } dir ? dir.Split(Path.DirectorySeparatorChar)[0] : Path.GetFileNameWithoutExtension(path);
                StorySignature? signature;
                try
                {
                    signature = StorySignature.Of(ArticleParser.Parse(Path.GetFileName(path), File.ReadAllBytes(path), "en", cancellationToken).Body);
                }
                catch (ArticleParseException)
                {
                    // Unreadable: a story of its own that folds with nothing, as in the pipeline.
                    signature = null;
                }
                texts.Add((story, relative, signature, signature is null ? [] : [.. signature.BucketKeys()]));
            }
        }

        int truePairs = 0, folded = 0, correct = 0;
        var minSame = 1.0;
        var maxOther = 0.0;
        var closest = "";
        var misses = new List<string>();
        var wrong = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                var (a, b) = (texts[i], texts[j]);
                var same = a.Story == b.Story;
                var containment = a.Signature is null || b.Signature is null ? 0 : a.Signature.Containment(b.Signature);
                var fold = containment >= StoryFolder.SameStory && a.Keys.Overlaps(b.Keys);
                truePairs += same ? 1 : 0;
                folded += fold ? 1 : 0;
                correct += same && fold ? 1 : 0;
                if (same)
                {
                    minSame = Math.Min(minSame, containment);
                }
                else if (containment > maxOther)
                {
                    maxOther = containment;
                    closest = $"{a.Name} ~ {b.Name}";
                }
                if (same && !fold)
                {
                    misses.Add($"{a.Name} ~ {b.Name} ({containment:0.00})");
                }
                else if (!same && fold)
                {
                    wrong.Add($"{a.Name} ~ {b.Name} ({containment:0.00})");
                }
            }
        }
        return new FoldingReport
        {
            Texts = texts.Count,
            Stories = texts.Select(t => t.Story).Distinct(StringComparer.Ordinal).Count(),
            SameStoryPairs = truePairs,
            FoldedPairs = folded,
            CorrectPairs = correct,
            LowestSameStoryContainment = truePairs == 0 ? 0 : minSame,
            HighestOtherStoryContainment = maxOther,
            ClosestOtherStories = closest,
            Missed = misses,
            WronglyFolded = wrong,
        };
    }
}

/// <summary>What <see cref="FoldingEvaluation"/> found: pair counts, precision and recall, and the pairs it got wrong.</summary>
public sealed record FoldingReport
{
    public required int Texts { get; init; }
    public required int Stories { get; init; }
    public required int SameStoryPairs { get; init; }
    public required int FoldedPairs { get; init; }
    public required int CorrectPairs { get; init; }

    /// <summary>Of the pairs folded, the share that are one story (1 when none were folded).</summary>
    public double Precision => FoldedPairs == 0 ? 1 : CorrectPairs / (double)FoldedPairs;

    /// <summary>Of the pairs that are one story, the share folded (1 when there are none).</summary>
    public double Recall => SameStoryPairs == 0 ? 1 : CorrectPairs / (double)SameStoryPairs;

    public required double LowestSameStoryContainment { get; init; }
    public required double HighestOtherStoryContainment { get; init; }

    /// <summary>The two texts of different stories that came closest to being folded.</summary>
    public string ClosestOtherStories { get; init; } = "";
    public required IReadOnlyList<string> Missed { get; init; }
    public required IReadOnlyList<string> WronglyFolded { get; init; }
}
