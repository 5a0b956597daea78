namespace Alerts.IntegrationTests.Cli;

/// <summary>Output redirected to a file or a pipe is not a terminal: long values stay on their line.</summary>
public sealed class RedirectedOutputTests
{
    [Fact]
    public async Task A_long_file_name_is_not_wrapped_when_output_is_redirected()
    {
        var folder = Directory.CreateTempSubdirectory("alerts-wrap.").FullName;
        try
        {
            var name = "kazakhstan-state-of-emergency-extended-as-russian-led-troops-arrive-in-almaty-" + new string('x', 120) + ".txt";
            var story = Path.Combine(TestArticles.RepoRoot, "samples", "kazakhstan-emergency.txt");
            File.Copy(story, Path.Combine(folder, name));
            File.Copy(story, Path.Combine(folder, "short.txt")); // two files: the summary table, with a File column

            var (exit, output) = await AlertsCli.RunAsync(new Dictionary<string, string?>(), "analyze", folder);

            Assert.True(exit == 0, output);
            Assert.Contains(output.Split('\n'), line => line.Contains(name, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
