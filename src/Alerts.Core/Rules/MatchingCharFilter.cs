using Alerts.Text;
using Lucene.Net.Analysis.CharFilters;

namespace Alerts.Rules;

/// <summary>
/// Feeds the tokenizer the <see cref="MatchingText"/> form of a field and records where its offsets move, so token
/// offsets (and the snippets' highlights built from them) point into the original text.
/// </summary>
internal sealed class MatchingCharFilter : BaseCharFilter
{
    private string? _text;
    private int _at;

    public MatchingCharFilter(TextReader input)
        : base(input)
    {
    }

    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_text is null)
        {
            // Articles are bounded in size (AnalysisOptions.MaxArticleBytes), so the whole field is folded at once.
            var folded = MatchingText.Fold(m_input.ReadToEnd());
            foreach (var (offset, diff) in folded.Corrections)
            {
                AddOffCorrectMap(offset, diff);
            }
            _text = folded.Text;
        }
        var n = Math.Min(count, _text.Length - _at);
        if (n <= 0)
        {
            return 0;
        }
        _text.CopyTo(_at, buffer, index, n);
        _at += n;
        return n;
    }

    public override int Read() => _text is not null && _at < _text.Length ? _text[_at++] : ReadOne();

    private int ReadOne()
    {
        var one = new char[1];
        return Read(one, 0, 1) == 1 ? one[0] : -1;
    }
}
