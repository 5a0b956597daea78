using System.Text.Json;

namespace Alerts.Evaluation;

/// <summary>
/// Loads a labelled corpus: a folder with <c>labels/&lt;id&gt;.json</c> and <c>articles/&lt;id&gt;.txt</c>
/// (title line, blank line, body; parsed as <c>alerts analyze</c> parses it). See docs/evaluation.md for the label format.
/// </summary>
public static class EvaluationCorpus
{
    private const int MaxArticleBytes = 1 << 20;

    /// <param name="split">Only articles of this split ("dev" or "test"); null for all.</param>
    /// <exception cref="EvaluationCorpusException">The folder is not a corpus, or a label file is malformed.</exception>
    public static IReadOnlyList<LabelledArticle> Load(string folder, string? split = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var labels = Path.Combine(folder, "labels");
        if (!Directory.Exists(labels))
        {
            throw new EvaluationCorpusException($"'{folder}' is not a corpus: it has no labels/ folder.");
        }
        var articles = new List<LabelledArticle>();
        foreach (var file in Directory.EnumerateFiles(labels, "*.json").Order(StringComparer.Ordinal))
        {
            var article = Read(folder, file);
            if (split is null || string.Equals(article.Split, split, StringComparison.OrdinalIgnoreCase))
            {
                articles.Add(article);
            }
        }
        if (articles.Count == 0)
        {
            throw new EvaluationCorpusException(split is null ? $"'{folder}' has no labelled articles." : $"'{folder}' has no labelled articles in the '{split}' split.");
        }
        return articles;
    }

    private static LabelledArticle Read(string folder, string labelFile)
    {
        var name = Path.GetFileName(labelFile);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(labelFile));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new EvaluationCorpusException($"{name}: not valid JSON ({ex.Message}).", ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EvaluationCorpusException($"{name}: the labels must be a JSON object.");
        }

        var id = String(root, "id", name) ?? Path.GetFileNameWithoutExtension(labelFile);
        var split = String(root, "split", name) ?? throw new EvaluationCorpusException($"{name}: 'split' (dev or test) is missing.");
        if (split is not ("dev" or "test"))
        {
            throw new EvaluationCorpusException($"{name}: 'split' must be dev or test, not '{split}'.");
        }
        var articleFile = Path.Combine(folder, "articles", id + ".txt");
        if (!File.Exists(articleFile))
        {
            throw new EvaluationCorpusException($"{name}: the article articles/{id}.txt is missing.");
        }
        if (new FileInfo(articleFile).Length > MaxArticleBytes)
        {
            throw new EvaluationCorpusException($"{name}: articles/{id}.txt is larger than {MaxArticleBytes / 1024} KiB.");
        }

        return new LabelledArticle
        {
            Id = id,
            Split = split,
            ArticlePath = articleFile,
            Source = String(root, "source", name),
            Licence = String(root, "licence", name),
            Rules = ReadRules(root, name),
            Entities = ReadEntities(root, name),
        };
    }

    private static Dictionary<string, RuleLabel> ReadRules(JsonElement root, string name)
    {
        var rules = new Dictionary<string, RuleLabel>(StringComparer.Ordinal);
        if (!root.TryGetProperty("rules", out var element))
        {
            return rules;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new EvaluationCorpusException($"{name}: 'rules' must be an object of rule id to label.");
        }
        foreach (var rule in element.EnumerateObject())
        {
            if (rule.Value.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationCorpusException($"{name}: rules.{rule.Name} must be an object with 'label' and 'sentence'.");
            }
            var label = String(rule.Value, "label", name);
            var positive = label switch
            {
                "positive" => true,
                "negative" => false,
                _ => throw new EvaluationCorpusException($"{name}: rules.{rule.Name}.label must be positive or negative, not '{label}'."),
            };
            rules[rule.Name] = new RuleLabel(positive, String(rule.Value, "sentence", name));
        }
        return rules;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadEntities(JsonElement root, string name)
    {
        var entities = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty("entities", out var element))
        {
            return entities;
        }
        foreach (var category in EntityNames.ScoredCategories)
        {
            var key = category.ToLowerInvariant();
            if (!element.TryGetProperty(key, out var list))
            {
                continue;
            }
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw new EvaluationCorpusException($"{name}: entities.{key} must be an array of names.");
            }
            entities[category] = [.. list.EnumerateArray().Select(v => v.GetString()!).Where(v => v.Length > 0)];
        }
        return entities;
    }

    private static string? String(JsonElement element, string property, string name)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new EvaluationCorpusException($"{name}: '{property}' must be a string.");
    }
}
