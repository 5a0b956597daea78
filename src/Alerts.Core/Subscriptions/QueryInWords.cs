using System.Globalization;
using System.Text;

namespace Alerts.Subscriptions;

/// <summary>
/// A query of the rules' syntax in words for a reader: <c>"curfew imposed"~2</c> becomes
/// <c>"curfew imposed" within 2 words</c>, <c>a AND NOT b</c> becomes <c>a but not b</c>, <c>title:x</c> becomes
/// <c>in the title: x</c>. For display only: it never decides a match, and a query it cannot follow is shown as written.
/// </summary>
public static class QueryInWords
{
    public static string Describe(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            var words = Render(Tokenize(query));
            return words.Length == 0 ? query.Trim() : words;
        }
        catch (FormatException)
        {
            return query.Trim();
        }
    }

    private enum Kind { Term, Phrase, Regex, Range, Field, Open, Close, And, Or, Not, Required }

    private sealed record Token(Kind Kind, string Text, int? Slop = null, bool Fuzzy = false);

    private static string Render(List<Token> tokens)
    {
        var output = new StringBuilder();
        var afterOperand = false;   // an operand just ended: a following operand is ANDed, a NOT is "but not"
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case Kind.And:
                    // "a AND NOT b" reads "a but not b".
                    if (i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Not)
                    {
                        continue;
                    }
                    Append(output, "and");
                    afterOperand = false;
                    break;
                case Kind.Or:
                    Append(output, "or");
                    afterOperand = false;
                    break;
                case Kind.Not:
                    Append(output, afterOperand || (i > 0 && tokens[i - 1].Kind == Kind.And) ? "but not" : "not");
                    afterOperand = false;
                    break;
                case Kind.Required:
                    if (afterOperand)
                    {
                        Append(output, "and");
                    }
                    afterOperand = false;
                    break;
                case Kind.Close:
                    output.Append(')');
                    afterOperand = true;
                    break;
                default:
                    if (afterOperand)
                    {
                        Append(output, "and");
                    }
                    if (token.Kind == Kind.Open)
                    {
                        Append(output, "(");
                        afterOperand = false;
                    }
                    else if (token.Kind == Kind.Field)
                    {
                        // A field names what follows it: nothing, or an operator, is not a query we can read.
                        if (i + 1 >= tokens.Count || tokens[i + 1].Kind is not (Kind.Term or Kind.Phrase or Kind.Regex or Kind.Range or Kind.Open))
                        {
                            throw new FormatException();
                        }
                        Append(output, FieldInWords(token.Text));
                        afterOperand = false;
                    }
                    else
                    {
                        Append(output, OperandInWords(token));
                        afterOperand = true;
                    }
                    break;
            }
        }
        return output.ToString().Trim();
    }

    private static void Append(StringBuilder output, string words)
    {
        if (output.Length > 0 && output[^1] is not ('(' or ' '))
        {
            output.Append(' ');
        }
        output.Append(words);
    }

    private static string FieldInWords(string field) => field.ToLowerInvariant() switch
    {
        "title" => "in the title:",
        "body" => "in the body:",
        "person" => "the person",
        "location" => "the place",
        "organization" or "organisation" => "the organisation",
        var other => $"in the {other}:",
    };

    private static string OperandInWords(Token token)
    {
        switch (token.Kind)
        {
            case Kind.Phrase:
                // A phrase of groups: "(troops soldiers) arrived" is "(troops or soldiers) arrived".
                var phrase = "\"" + GroupsInWords(token.Text) + "\"";
                return token.Slop is > 0 and var slop
                    ? $"{phrase} within {slop.ToString(CultureInfo.InvariantCulture)} word{(slop == 1 ? "" : "s")}"
                    : phrase;
            case Kind.Regex:
                return $"words matching /{token.Text}/";
            case Kind.Range:
                return token.Text;
            default:
                if (token.Text == "*")
                {
                    return "anything";
                }
                if (token.Fuzzy)
                {
                    return $"{token.Text} or a close spelling";
                }
                var star = token.Text.IndexOf('*', StringComparison.Ordinal);
                if (star == token.Text.Length - 1 && !token.Text.Contains('?', StringComparison.Ordinal))
                {
                    return $"words starting with {token.Text[..^1]}";
                }
                return star >= 0 || token.Text.Contains('?', StringComparison.Ordinal) ? $"words like {token.Text}" : token.Text;
        }
    }

    private static string GroupsInWords(string phrase)
    {
        var output = new StringBuilder();
        var i = 0;
        while (i < phrase.Length)
        {
            if (phrase[i] == '(' && phrase.IndexOf(')', i) is var close and > 0)
            {
                var words = phrase[(i + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                output.Append('(').Append(words.Length <= 1 ? string.Concat(words) : string.Join(", ", words[..^1]) + " or " + words[^1]).Append(')');
                i = close + 1;
            }
            else
            {
                output.Append(phrase[i++]);
            }
        }
        return output.ToString();
    }

    private static List<Token> Tokenize(string query)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(Kind.Open, "("));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(Kind.Close, ")"));
                i++;
            }
            else if (c == '"')
            {
                var end = Closing(query, i + 1, '"');
                var text = Unescape(query[(i + 1)..end]);
                i = end + 1;
                var slop = Suffix(query, ref i, '~');
                Suffix(query, ref i, '^');
                tokens.Add(new Token(Kind.Phrase, text, slop is null ? null : (int)Math.Round(slop.Value)));
            }
            else if (c == '/')
            {
                var end = Closing(query, i + 1, '/');
                tokens.Add(new Token(Kind.Regex, query[(i + 1)..end]));
                i = end + 1;
                Suffix(query, ref i, '^');
            }
            else if (c is '[' or '{')
            {
                var end = Closing(query, i + 1, c == '[' ? ']' : '}');
                var bounds = query[(i + 1)..end].Split(" TO ", 2, StringSplitOptions.TrimEntries);
                var inclusive = c == '[';
                tokens.Add(new Token(Kind.Range, bounds.Length == 2
                    ? inclusive ? $"from {bounds[0]} to {bounds[1]}" : $"between {bounds[0]} and {bounds[1]}"
                    : query[i..(end + 1)]));
                i = end + 1;
                Suffix(query, ref i, '^');
            }
            else if (c is '+' or '-' or '!' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]))
            {
                tokens.Add(new Token(c == '+' ? Kind.Required : Kind.Not, c.ToString()));
                i++;
            }
            else if (c == '&' && At(query, i, "&&"))
            {
                tokens.Add(new Token(Kind.And, "&&"));
                i += 2;
            }
            else if (c == '|' && At(query, i, "||"))
            {
                tokens.Add(new Token(Kind.Or, "||"));
                i += 2;
            }
            else
            {
                var word = new StringBuilder();
                while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or '"' or ':' or '~' or '^'))
                {
                    if (query[i] == '\\' && i + 1 < query.Length)
                    {
                        i++;
                    }
                    word.Append(query[i++]);
                }
                if (i < query.Length && query[i] == ':' && word.Length > 0)
                {
                    tokens.Add(new Token(Kind.Field, word.ToString()));
                    i++;
                    continue;
                }
                var fuzzy = i < query.Length && query[i] == '~';
                if (fuzzy)
                {
                    i++;
                    Number(query, ref i);
                }
                Suffix(query, ref i, '^');
                var text = word.ToString();
                if (text.Length == 0)
                {
                    // A stray ':', '~' or '^' on its own.
                    throw new FormatException();
                }
                tokens.Add(text switch
                {
                    "AND" => new Token(Kind.And, text),
                    "OR" => new Token(Kind.Or, text),
                    "NOT" => new Token(Kind.Not, text),
                    _ => new Token(Kind.Term, text, Fuzzy: fuzzy),
                });
            }
        }
        return tokens;
    }

    private static bool At(string query, int i, string text) => string.CompareOrdinal(query, i, text, 0, text.Length) == 0;

    private static int Closing(string query, int from, char close)
    {
        for (var i = from; i < query.Length; i++)
        {
            if (query[i] == '\\')
            {
                i++;
            }
            else if (query[i] == close)
            {
                return i;
            }
        }
        throw new FormatException();
    }

    private static string Unescape(string text) => text.Contains('\\', StringComparison.Ordinal)
        ? string.Concat(text.Select((ch, k) => ch == '\\' && (k == 0 || text[k - 1] != '\\') ? "" : ch.ToString()))
        : text;

    /// <summary>Reads a <c>~2</c> or <c>^1.5</c> after an operand.</summary>
    private static double? Suffix(string query, ref int i, char marker)
    {
        if (i >= query.Length || query[i] != marker)
        {
            return null;
        }
        i++;
        return Number(query, ref i);
    }

    private static double? Number(string query, ref int i)
    {
        var start = i;
        while (i < query.Length && (char.IsAsciiDigit(query[i]) || query[i] == '.'))
        {
            i++;
        }
        return double.TryParse(query.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
