namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// Every kind of bad subscription request the suite covers, by name: the body of <c>POST /api/subscriptions</c>, the
/// status it must get and words its error must hold. The README's "Bad input" list is this list.
/// </summary>
internal static class BadApiRequests
{
    public static IReadOnlyDictionary<string, (string Body, int Status, string Error)> All { get; } = new Dictionary<string, (string, int, string)>
    {
        ["oversized body"] = (Valid(queries: $"[\"{new string('x', 70_000)}\"]"), 413, "over 64 KB"),
        ["empty body"] = ("", 400, "not valid JSON"),
        ["malformed JSON"] = ("{\"channel\": \"email\", \"target\": ", 400, "not valid JSON"),
        ["JSON array instead of an object"] = ("[]", 400, "not valid JSON"),
        ["JSON null"] = ("null", 400, "must be a JSON object"),
        ["channel as a number"] = (Valid(channel: "5"), 400, "$.channel"),
        ["rules as a string"] = (Valid(rules: "\"state-of-emergency\""), 400, "$.rules"),
        ["unknown channel"] = (Valid(channel: "\"sms\""), 400, "channel: 'email', 'webhook', 'feed', 'teams' or 'slack'"),
        ["missing target"] = (Valid(target: "null"), 400, "target: required"),
        ["unknown rule id"] = (Valid(rules: "[\"no-such-rule\"]"), 400, "'no-such-rule' is not a rule of the catalogue"),
        ["nothing to watch"] = (Valid(rules: "[]"), 400, "watch at least one rule"),
        ["unknown cadence"] = (Valid(cadence: "\"weekly\""), 400, "cadence: 'immediate', 'hourly' or 'daily'"),
        ["bad digest time"] = (Valid(cadence: "\"daily\"", at: "\"25:99\""), 400, "'25:99' is not a time"),
        ["unknown time zone"] = (Valid(cadence: "\"daily\"", timeZone: "\"Mars/Olympus_Mons\""), 400, "not an IANA time zone"),
        ["subscriber query that does not parse"] = (Valid(queries: "[\"(troops AND (arrived\"]"), 400, "queries[0]: The query does not parse"),
        ["subscriber query with an exploding regex"] = (Valid(queries: "[\"/.*a.{40}/\"]"), 400, "too complex"),
        ["subscriber query with a one-letter wildcard"] = (Valid(queries: "[\"a*\"]"), 400, "at least 3 letters"),
        ["subscriber query over 4,000 characters"] = (Valid(queries: $"[\"{string.Join(" OR ", Enumerable.Range(0, 1000).Select(i => $"w{i}"))}\"]"), 400, "the limit is 4000"),
        ["too many subscriber queries"] = (Valid(queries: "[" + string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"curfew{i}\"")) + "]"), 400, "at most 20"),
    };

    private static string Valid(string channel = "\"email\"", string target = "\"analyst@example.org\"", string rules = "[\"state-of-emergency\"]",
        string queries = "[]", string cadence = "\"immediate\"", string at = "null", string timeZone = "null") =>
        $$"""{"channel": {{channel}}, "target": {{target}}, "rules": {{rules}}, "queries": {{queries}}, "cadence": {{cadence}}, "at": {{at}}, "timeZone": {{timeZone}}}""";
}
