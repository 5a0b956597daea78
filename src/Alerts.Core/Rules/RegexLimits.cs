using System.Globalization;

namespace Alerts.Rules;

/// <summary>
/// Refuses regular-expression terms whose automaton could explode before Lucene builds it. Lucene.Net 4.8 determinizes
/// and minimizes every regular expression when the query is parsed and has no cap on the states this creates:
/// <c>/.*a.{40}/</c> needs 2⁴⁰ states and never finishes. The cost grows with the positions that can match several
/// characters (<c>.</c>, <c>[…]</c>, alternatives) and with repeat counts, so those are bounded; plain letters are cheap.
/// </summary>
internal static class RegexLimits
{
    public const int MaxLength = 100;
    public const int MaxRepeat = 50;
    public const int MaxPositions = 200;
    public const int MaxVaryingPositions = 10;

    /// <summary>Null if <paramref name="regex"/> is within the limits; otherwise why not.</summary>
    public static string? Check(string regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        if (regex.Length > MaxLength)
        {
            return $"the regular expression /{Clip(regex)}/ is {regex.Length} characters long; the limit is {MaxLength}.";
        }
        var frames = new Stack<Frame>();
        var frame = new Frame();
        for (var i = 0; i < regex.Length; i++)
        {
            var c = regex[i];
            switch (c)
            {
                case '\\':
                    i++;
                    frame.Atom(1, 0);
                    break;
                case '"':
                    var close = regex.IndexOf('"', i + 1);
                    var end = close < 0 ? regex.Length : close;
                    frame.Atom(end - i - 1, 0);
                    i = end;
                    break;
                case '[':
                    i = SkipClass(regex, i);
                    frame.Atom(0, 1);
                    break;
                case '<':
                    var gt = regex.IndexOf('>', i + 1);
                    var stop = gt < 0 ? regex.Length : gt;
                    frame.Atom(0, Math.Max(1, stop - i - 1));
                    i = stop;
                    break;
                case '.' or '@':
                    frame.Atom(0, 1);
                    break;
                case '(':
                    frames.Push(frame);
                    frame = new Frame();
                    break;
                case ')' when frames.Count > 0:
                    var (lit, varying) = frame.Total();
                    frame = frames.Pop();
                    frame.Atom(lit, varying);
                    break;
                case '|':
                    frame.Branch();
                    break;
                case '*' or '+' or '?':
                    break;
                case '{':
                    var brace = regex.IndexOf('}', i + 1);
                    if (brace < 0)
                    {
                        frame.Atom(1, 0);
                        break;
                    }
                    var counts = regex[(i + 1)..brace].Split(',');
                    var max = 0;
                    foreach (var count in counts)
                    {
                        if (count.Length > 0 && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                        {
                            if (n > MaxRepeat)
                            {
                                return $"the regular expression /{Clip(regex)}/ repeats {n} times; the limit is {MaxRepeat}.";
                            }
                            max = Math.Max(max, n);
                        }
                    }
                    // {n,} and {n,m}: the automaton holds the atom max (or n + 1) times.
                    frame.Repeat(counts.Length > 1 && counts[1].Length == 0 ? max + 1 : Math.Max(max, 1));
                    i = brace;
                    break;
                case '~' or '&':
                    return $"the regular expression /{Clip(regex)}/ uses '{c}'; complement and intersection are not supported.";
                default:
                    frame.Atom(1, 0);
                    break;
            }
        }
        while (frames.Count > 0)
        {
            var (lit, varying) = frame.Total();
            frame = frames.Pop();
            frame.Atom(lit, varying);
        }
        var (literal, vary) = frame.Total();
        if (literal + vary > MaxPositions)
        {
            return $"the regular expression /{Clip(regex)}/ expands to {literal + vary} positions; the limit is {MaxPositions}.";
        }
        if (vary > MaxVaryingPositions)
        {
            return $"the regular expression /{Clip(regex)}/ is too complex ({vary} positions of '.', '[…]' or alternatives, counting repeats; the limit is {MaxVaryingPositions}).";
        }
        return null;
    }

    private static int SkipClass(string regex, int open)
    {
        for (var i = open + 1; i < regex.Length; i++)
        {
            if (regex[i] == '\\')
            {
                i++;
            }
            else if (regex[i] == ']' && i > open + 1)
            {
                return i;
            }
        }
        return regex.Length;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>Positions counted in one group: the branch being read, the widest finished branch, and the last atom (for repeats).</summary>
    private sealed class Frame
    {
        private long _literal;
        private long _varying;
        private long _lastLiteral;
        private long _lastVarying;
        private long _widest;
        private bool _alternatives;

        public void Atom(long literal, long varying)
        {
            _literal += literal;
            _varying += varying;
            _lastLiteral = literal;
            _lastVarying = varying;
        }

        public void Repeat(int times)
        {
            _literal += _lastLiteral * (times - 1);
            _varying += _lastVarying * (times - 1);
            _lastLiteral *= times;
            _lastVarying *= times;
        }

        public void Branch()
        {
            _widest = Math.Max(_widest, _literal + _varying);
            _alternatives = true;
            _literal = _varying = _lastLiteral = _lastVarying = 0;
        }

        /// <summary>A group with alternatives is one varying position per character of its widest branch.</summary>
        public (long Literal, long Varying) Total() =>
            _alternatives ? (0, Math.Max(_widest, _literal + _varying)) : (_literal, _varying);
    }
}
