using Alerts.Stories;

namespace Alerts.Tests.Stories;

/// <summary>
/// The labelled folding set (eval/folding: three outlets' copies of corpus texts; eval/articles: every corpus text, other
/// stories about the same events among them) holds folding to its targets. <c>alerts eval-folding eval/folding eval/articles</c>
/// prints the same figures.
/// </summary>
public class FoldingEvaluationTests
{
    [Fact]
    public void Folding_on_the_labelled_set_reaches_precision_098_and_recall_090()
    {
        var report = FoldingEvaluation.Run([RepoPaths.Combine("eval", "folding"), RepoPaths.Combine("eval", "articles")], CancellationToken.None);

        Assert.True(report.SameStoryPairs >= 100, $"{report.SameStoryPairs} same-story pairs");
        Assert.True(report.Precision >= 0.98, string.Join("\n", report.WronglyFolded));
        Assert.True(report.Recall >= 0.90, string.Join("\n", report.Missed));
    }
}
