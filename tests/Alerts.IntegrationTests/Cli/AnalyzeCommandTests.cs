using System.Text.Json;
using Alerts.Testing;

namespace Alerts.IntegrationTests.Cli;

/// <summary><c>alerts analyze</c> on the sample wire story, offline, as the README's first command shows it.</summary>
public sealed class AnalyzeCommandTests
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    [Fact]
    public async Task The_json_output_has_the_stories_metadata_entities_and_the_two_named_rules()
    {
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, "analyze", "samples/kazakhstan-emergency.txt", "--json");

        Assert.Equal(0, exit);
        var json = JsonSerializer.Deserialize<JsonElement>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith('{')));
        var article = json.GetProperty("article");
        Assert.Equal("Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty", article.GetProperty("title").GetString());
        Assert.Equal("RFE/RL", article.GetProperty("source").GetString());
        Assert.StartsWith("2022-01-08", article.GetProperty("publishedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://www.rferl.org/a/kazakhstan-state-of-emergency-tokayev-csto-troops/31644444.html", article.GetProperty("url").GetString());
        Assert.DoesNotContain("Copyright", article.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("embedded", json.GetProperty("extractor").GetString());
        var entities = json.GetProperty("entities").EnumerateArray().Select(e => (e.GetProperty("text").GetString(), e.GetProperty("category").GetString())).ToList();
        Assert.Contains(("Kassym-Jomart Tokayev", "Person"), entities);
        Assert.Contains(("Almaty", "Location"), entities);
        Assert.Contains(("Collective Security Treaty Organization", "Organization"), entities);
        var rules = json.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("rule").GetString()).ToList();
        Assert.Contains("state-of-emergency", rules);
        Assert.Contains("troop-arrivals", rules);
    }

    [Fact]
    public async Task The_human_output_shows_the_title_outlet_entities_and_matches()
    {
        var (exit, output) = await AlertsCli.RunAsync(NoSettings, "analyze", "samples/kazakhstan-emergency.txt");

        Assert.Equal(0, exit);
        Assert.Contains("Kazakh President Extends State Of Emergency", output, StringComparison.Ordinal);
        Assert.Contains("RFE/RL", output, StringComparison.Ordinal);
        Assert.Contains("Kassym-Jomart Tokayev", output, StringComparison.Ordinal);
        Assert.Contains("state-of-emergency", output, StringComparison.Ordinal);
        Assert.Contains("troop-arrivals", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_is_reported_with_its_reason_the_others_are_analysed_and_the_exit_code_says_so()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(empty, []);
        try
        {
            var (exit, output) = await AlertsCli.RunAsync(NoSettings, "analyze", empty, "samples/sudan-khartoum-fighting.md", "--json");

            Assert.Equal(1, exit);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Equal("empty", lines.Single(l => l.TryGetProperty("error", out _)).GetProperty("error").GetProperty("reason").GetString());
            Assert.Contains(lines, l => l.TryGetProperty("article", out var a) && a.GetProperty("title").GetString()!.Contains("Khartoum", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Fact]
    public async Task A_decree_pdf_is_analysed_from_its_text_with_its_title_and_the_state_of_emergency_match()
    {
        var folder = Directory.CreateTempSubdirectory("alerts-decree-");
        try
        {
            var pdf = Path.Combine(folder.FullName, "decree.pdf");
            await File.WriteAllBytesAsync(pdf, TestDocuments.DecreePdf("CLI-1"));

            var (exit, output) = await AlertsCli.RunAsync(NoSettings, "analyze", pdf, "--json");

            Assert.Equal(0, exit);
            var json = JsonSerializer.Deserialize<JsonElement>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.StartsWith('{')));
            var article = json.GetProperty("article");
            Assert.Equal(TestDocuments.Title, article.GetProperty("title").GetString());
            Assert.Equal("pdf", article.GetProperty("format").GetString());
            Assert.StartsWith("2022-01-05", article.GetProperty("publishedAt").GetString(), StringComparison.Ordinal);
            Assert.Contains(json.GetProperty("matches").EnumerateArray(), m => m.GetProperty("rule").GetString() == "state-of-emergency");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_of_a_pdf_a_word_document_and_a_scan_analyses_both_documents_and_names_the_scan()
    {
        var folder = Directory.CreateTempSubdirectory("alerts-decrees-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "a-decree.pdf"), TestDocuments.DecreePdf("CLI-2"));
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "b-release.docx"), TestDocuments.DecreeDocx("CLI-3"));
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "c-scan.pdf"), TestDocuments.PdfWithoutText());

            var (exit, output) = await AlertsCli.RunAsync(NoSettings, "analyze", folder.FullName);

            Assert.Equal(1, exit);
            Assert.Contains("a-decree.pdf", output, StringComparison.Ordinal);
            Assert.Contains("b-release.docx", output, StringComparison.Ordinal);
            Assert.Contains("state-of-emergency", output, StringComparison.Ordinal);
            Assert.Contains("pdf-no-text", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
