using Alerts.Evaluation;

namespace Alerts.Tests.Evaluation;

public sealed class EvaluationCorpusTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("corpus-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string id, string labels, string? article = "Title\n\nBody.")
    {
        Directory.CreateDirectory(Path.Combine(_folder, "labels"));
        Directory.CreateDirectory(Path.Combine(_folder, "articles"));
        File.WriteAllText(Path.Combine(_folder, "labels", id + ".json"), labels);
        if (article is not null)
        {
            File.WriteAllText(Path.Combine(_folder, "articles", id + ".txt"), article);
        }
    }

    [Fact]
    public void The_repository_corpus_loads_with_both_splits_and_every_builtin_rule_labelled()
    {
        var all = EvaluationCorpus.Load(RepoPaths.Combine("eval"));

        Assert.Contains(all, a => a.Split == "dev");
        Assert.Contains(all, a => a.Split == "test");
        var builtin = Alerts.Rules.RuleLoader.LoadBuiltin().Rules.Select(r => r.Rule.Id).ToList();
        Assert.All(all, a => Assert.All(builtin, id => Assert.True(a.Rules.ContainsKey(id), $"{a.Id} has no label for {id}")));
        Assert.All(all, a => Assert.False(string.IsNullOrEmpty(a.Source), $"{a.Id} names no source"));
        Assert.All(all, a => Assert.False(string.IsNullOrEmpty(a.Licence), $"{a.Id} names no licence"));
    }

    [Fact]
    public void A_split_filters_and_labels_are_read()
    {
        Write("a", """{"id":"a","split":"dev","rules":{"r":{"label":"positive","sentence":"S."}},"entities":{"person":["Ann Lee"]}}""");
        Write("b", """{"id":"b","split":"test","rules":{"r":{"label":"negative","sentence":null}}}""");

        var dev = Assert.Single(EvaluationCorpus.Load(_folder, "dev"));
        Assert.True(dev.Rules["r"].Positive);
        Assert.Equal("S.", dev.Rules["r"].Sentence);
        Assert.Equal(["Ann Lee"], dev.Entities["Person"]);
        Assert.Equal("b", Assert.Single(EvaluationCorpus.Load(_folder, "test")).Id);
    }

    [Theory]
    [InlineData("""{"id":"a","split":"train"}""", "split")]
    [InlineData("""{"id":"a","split":"dev","rules":{"r":{"label":"maybe"}}}""", "positive or negative")]
    [InlineData("""{"id":"a","split":"dev","entities":{"person":"Ann"}}""", "array")]
    [InlineData("""not json""", "not valid JSON")]
    public void A_malformed_label_file_is_refused_with_its_name_and_the_fault(string labels, string fault)
    {
        Write("a", labels);
        var ex = Assert.Throws<EvaluationCorpusException>(() => EvaluationCorpus.Load(_folder));
        Assert.Contains("a.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fault, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_without_its_article_is_refused()
    {
        Write("a", """{"id":"a","split":"dev"}""", article: null);
        Assert.Contains("articles/a.txt is missing", Assert.Throws<EvaluationCorpusException>(() => EvaluationCorpus.Load(_folder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_labels_is_not_a_corpus() =>
        Assert.Throws<EvaluationCorpusException>(() => EvaluationCorpus.Load(_folder));
}
