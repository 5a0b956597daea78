using System.Text.Json;

namespace Alerts.IntegrationTests.Cli;

/// <summary><c>alerts eval</c> as an analyst runs it: on a small corpus of their own, and on the repository's test split as CI does.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoSettings = [];
    private readonly string _corpus = Directory.CreateTempSubdirectory("eval-corpus-").FullName;

    public EvalCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_corpus, "labels"));
        Directory.CreateDirectory(Path.Combine(_corpus, "articles"));
        // One deployment the rule should catch, one it misses (no troop word), one emergency room.
        Add("arrive", "Peacekeepers arrive in Juba", "About 120 Rwandan peacekeepers have arrived in Juba, the United Nations said.", troops: true, sentence: "About 120 Rwandan peacekeepers have arrived in Juba, the United Nations said.");
        Add("unseen", "Help reaches the coast", "The first units reached the coast on Sunday, officials in Mombasa said.", troops: true, sentence: "The first units reached the coast on Sunday, officials in Mombasa said.");
        Add("room", "Hospital opens emergency room", "The hospital in Nairobi opened a new emergency room on Monday.", troops: false, sentence: null);
    }

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    private void Add(string id, string title, string body, bool troops, string? sentence)
    {
        File.WriteAllText(Path.Combine(_corpus, "articles", id + ".txt"), $"{title}\n\n{body}\n");
        var labels = new
        {
            id,
            split = "dev",
            source = "written for this test",
            licence = "CC0",
            rules = new Dictionary<string, object?> { ["troop-arrivals"] = new { label = troops ? "positive" : "negative", sentence } },
            entities = new { location = body.Contains("Juba", StringComparison.Ordinal) ? new[] { "Juba" } : body.Contains("Mombasa", StringComparison.Ordinal) ? ["Mombasa"] : ["Nairobi"] },
        };
        File.WriteAllText(Path.Combine(_corpus, "labels", id + ".json"), JsonSerializer.Serialize(labels));
    }

    [Fact]
    public async Task The_table_shows_each_rule_with_precision_recall_and_the_missed_sentence()
    {
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, "eval", _corpus);

        Assert.Equal(0, exit);
        var row = output.Split('\n').Single(l => l.Contains("troop-arrivals", StringComparison.Ordinal) && l.Contains('│'));
        Assert.Matches(@"│\s*2\s*│\s*1\s*│\s*1\s*│\s*0\s*│\s*1\s*│\s*1\.00\s*│\s*0\.50\s*│\s*0\.67\s*│", row);
        Assert.Contains("missed unseen", output, StringComparison.Ordinal);
        Assert.Contains("Location", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_report_has_the_scores_and_the_misses()
    {
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, "eval", _corpus, "--json");

        Assert.Equal(0, exit);
        var json = JsonSerializer.Deserialize<JsonElement>(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var rule = json.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "troop-arrivals");
        Assert.Equal(1.0, rule.GetProperty("precision").GetDouble());
        Assert.Equal(0.5, rule.GetProperty("recall").GetDouble());
        Assert.Equal("unseen", rule.GetProperty("missed")[0].GetProperty("article").GetString());
        var location = json.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("category").GetString() == "Location");
        Assert.Equal(3, location.GetProperty("labelled").GetInt32());
    }

    [Fact]
    public async Task Below_a_threshold_the_exit_code_is_1_and_the_failure_is_named()
    {
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, "eval", _corpus, "--min", "troop-arrivals:recall=0.95");

        Assert.Equal(1, exit);
        Assert.Contains("troop-arrivals recall 0.50 is below 0.95", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_corpus_is_refused_with_exit_code_2()
    {
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, "eval", Path.Combine(_corpus, "articles"));

        Assert.Equal(2, exit);
        Assert.Contains("no labels/ folder", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The gate CI runs: the built-in rules and the embedded extractor on the test split must keep what they reach
    /// (docs/evaluation.md has the figures). Raise a threshold when a change lifts a score; never lower one to pass.
    /// </summary>
    [Fact]
    public async Task The_test_split_keeps_the_scores_reached()
    {
        string[] thresholds =
        [
            "casualties:precision=0.92", "casualties:recall=0.80",
            "state-of-emergency:precision=1.00", "state-of-emergency:recall=1.00",
            "troop-arrivals:precision=0.75", "troop-arrivals:recall=0.64",
            "mass-detentions:precision=0.50", "mass-detentions:recall=1.00",
            "shoot-to-kill:precision=1.00", "shoot-to-kill:recall=1.00",
            "flight-cancellations:precision=1.00", "flight-cancellations:recall=1.00",
            "person:precision=0.66", "person:recall=0.79",
            "location:precision=0.90", "location:recall=0.85",
            "organization:precision=0.79", "organization:recall=0.72",
        ];
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, ["eval", "eval", "--split", "test", .. thresholds.SelectMany(t => new[] { "--min", t })]);

        Assert.True(exit == 0, output);
    }
}
