namespace Alerts.Stories;

/// <summary>What one prune run of the story index did.</summary>
/// <param name="BucketRows">Bucket rows (<c>b-…</c>) deleted.</param>
/// <param name="ArticleRows">Article rows (<c>a-…</c>) deleted.</param>
/// <param name="Complete">False when the run stopped at its row limit: older rows may remain for the next run.</param>
public sealed record StoryIndexPruned(int BucketRows, int ArticleRows, bool Complete)
{
    public int Deleted => BucketRows + ArticleRows;
}
