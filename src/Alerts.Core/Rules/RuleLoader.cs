using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alerts.Rules;

/// <summary>Reads rule files: each a JSON array of <see cref="WatchRule"/>. Bad rules are reported, not fatal.</summary>
public static partial class RuleLoader
{
    private const string BuiltinPrefix = "Alerts.Rules.Builtin.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    /// <summary>The rules shipped in the repo's <c>rules/</c> folder, embedded at build.</summary>
    public static RuleLoadResult LoadBuiltin()
    {
        var assembly = typeof(RuleLoader).Assembly;
        var result = new RuleLoadResult();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(BuiltinPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            Read(stream, "rules/" + resource[BuiltinPrefix.Length..], result);
        }
        return result;
    }

    /// <summary>Loads a rule file, or every <c>*.json</c> file of a folder (sorted by name).</summary>
    public static RuleLoadResult LoadPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var result = new RuleLoadResult();
        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new RuleException($"No rule file or folder at '{path}'.");
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            Read(stream, file, result);
        }
        return result;
    }

    /// <summary>Combines rule sets; a later rule with an id already taken is refused.</summary>
    public static RuleLoadResult Combine(params RuleLoadResult[] parts)
    {
        var result = new RuleLoadResult();
        foreach (var part in parts)
        {
            result.Errors.AddRange(part.Errors);
            foreach (var rule in part.Rules)
            {
                if (result.HasRule(rule.Rule.Id))
                {
                    result.Errors.Add($"Rule '{rule.Rule.Id}' is defined twice; the first definition is kept.");
                    continue;
                }
                result.Rules.Add(rule);
            }
        }
        return result;
    }

    private static void Read(Stream stream, string origin, RuleLoadResult result)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = Json.MaxDepth });
        }
        catch (JsonException ex)
        {
            result.Errors.Add($"{origin}: not a JSON array of rules ({ex.Message})");
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                result.Errors.Add($"{origin}: not a JSON array of rules (the file holds {document.RootElement.ValueKind.ToString().ToLowerInvariant()}).");
                return;
            }
            var position = 0;
            var rules = new List<WatchRule?>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                position++;
                try
                {
                    // One entry at a time: a rule with a missing field or a bad severity costs only itself.
                    rules.Add(element.Deserialize<WatchRule>(Json));
                }
                catch (JsonException ex)
                {
                    result.Errors.Add($"{origin}: rule {position}{IdOf(element)} is not valid: {ex.Message}");
                }
            }
            Add(rules, origin, result);
        }
    }

    /// <summary>Compiles <paramref name="rules"/> into <paramref name="result"/>, as if read from a file named <paramref name="origin"/>.</summary>
    internal static void Add(IReadOnlyList<WatchRule?> rules, string origin, RuleLoadResult result)
    {
        // Parsing is most of the time to load many rules and each rule parses alone: spread it over the cores, then
        // take the results in file order, so errors and "the first definition is kept" read as in a sequential load.
        var compiled = new (CompiledRule? Rule, string? Error)[rules.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = rules.Count < ParallelFrom ? 1 : Environment.ProcessorCount };
        Parallel.For(0, rules.Count, options, i => compiled[i] = Compile(rules[i]));
        for (var i = 0; i < rules.Count; i++)
        {
            Add(rules[i], compiled[i], origin, result);
        }
    }

    private const int ParallelFrom = 256;

    private static (CompiledRule?, string?) Compile(WatchRule? rule)
    {
        if (rule is null || !RuleId().IsMatch(rule.Id ?? "") || !Enum.IsDefined(rule.Severity))
        {
            return (null, null);
        }
        try
        {
            return (new CompiledRule(rule), null);
        }
        catch (RuleException ex)
        {
            return (null, ex.Message);
        }
    }

    private static string IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? $" ('{Clip(id.GetString())}')"
            : "";

    private static void Add(WatchRule? rule, (CompiledRule? Rule, string? Error) compiled, string origin, RuleLoadResult result)
    {
        if (rule is null)
        {
            result.Errors.Add($"{origin}: null rule entry.");
            return;
        }
        if (!RuleId().IsMatch(rule.Id ?? ""))
        {
            result.Errors.Add($"{origin}: rule id '{Clip(rule.Id)}' must be lower-case letters, digits and hyphens (2-64).");
            return;
        }
        if (!Enum.IsDefined(rule.Severity))
        {
            result.Errors.Add($"{origin}: rule '{rule.Id}' has no valid severity (low, medium, high, critical).");
            return;
        }
        if (result.HasRule(rule.Id!))
        {
            result.Errors.Add($"{origin}: rule '{rule.Id}' is defined twice; the first definition is kept.");
            return;
        }
        if (compiled.Rule is { } ok)
        {
            result.Rules.Add(ok);
        }
        else
        {
            result.Errors.Add($"{origin}: {compiled.Error}");
        }
    }

    private static string? Clip(string? s) => s is { Length: > 64 } ? s[..64] + "…" : s;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleId();
}
