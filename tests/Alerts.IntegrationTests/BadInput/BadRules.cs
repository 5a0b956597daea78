namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// Every kind of bad watch rule the suite covers, by name: the rule entry as written in a rules file, and words the
/// load error must hold. The README's "Bad input" list is this list.
/// </summary>
internal static class BadRules
{
    public static IReadOnlyDictionary<string, (string Entry, string Error)> All { get; } = new Dictionary<string, (string, string)>
    {
        ["query that does not parse"] = (Rule("bad-parse", "\"(troops AND (arrived\""), "does not parse"),
        ["catastrophic regex /.*a.{40}/"] = (Rule("bad-regex-dfa", "\"/.*a.{40}/\""), "too complex"),
        ["nested-quantifier regex /(a+)+b/ with a huge repeat"] = (Rule("bad-regex-repeat", "\"/(a+)+b{99999}/\""), "repeats 99999 times"),
        ["regex alternation of 60 words"] = (Rule("bad-regex-alternation", Quote("/" + string.Join("|", Enumerable.Range(0, 60).Select(i => $"w{i}")) + "/")), "characters long"),
        ["regex complement operator"] = (Rule("bad-regex-complement", "\"/~(troops)/\""), "complement"),
        ["wildcard a*"] = (Rule("bad-wildcard-short", "\"a*\""), "at least 3 letters"),
        ["leading wildcard *ing"] = (Rule("bad-wildcard-leading", "\"*ing\""), "not allowed as first character"),
        ["100 kB query"] = (Rule("bad-huge-query", Quote(string.Join(" OR ", Enumerable.Range(0, 12_000).Select(i => $"w{i}")))), "the limit is 4000"),
        ["empty query"] = (Rule("bad-empty-query", "\"\""), "empty"),
        ["query of punctuation only"] = (Rule("bad-punctuation", "\"… — …\""), "no searchable words"),
        ["missing query"] = ("""{"id": "bad-no-query", "title": "No query", "severity": "high"}""", "bad-no-query"),
        ["bad severity"] = (Rule("bad-severity", "\"curfew\"", severity: "\"urgent\""), "bad-severity"),
        ["severity out of range"] = (Rule("bad-severity-number", "\"curfew\"", severity: "9"), "no valid severity"),
        ["bad id"] = (Rule("Bad Id!", "\"curfew\""), "must be lower-case"),
        ["id of a built-in rule"] = (Rule("state-of-emergency", "\"curfew\""), "defined twice"),
        ["id used twice in the folder"] = (Rule("curfew-imposed", "\"lockdown\""), "defined twice"),
        ["null entry"] = ("null", "null rule entry"),
    };

    /// <summary>The good rule of the folder: it must still apply.</summary>
    public const string GoodRule = """{"id": "curfew-imposed", "title": "Curfew imposed", "severity": "high", "query": "curfew AND (impose OR declare OR introduce)"}""";

    /// <summary>A rule whose phrase wildcard matches every "tro…" word of an article.</summary>
    public const string WideWildcardRule = """{"id": "wide-wildcard", "title": "Wide wildcard", "severity": "low", "query": "\"(tro*) (arrived)\"~3"}""";

    private static string Rule(string id, string query, string severity = "\"high\"") =>
        $$"""{"id": "{{id}}", "title": "Bad rule", "severity": {{severity}}, "query": {{query}}}""";

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
