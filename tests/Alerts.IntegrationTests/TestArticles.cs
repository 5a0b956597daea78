namespace Alerts.IntegrationTests;

internal static class TestArticles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Sample(string file) => File.ReadAllText(Path.Combine(RepoRoot, "samples", file));

    /// <summary>
    /// The sample wire story with a paragraph that makes it a story of its own, so each test has its own
    /// article id and the shared Azurite's earlier contents cannot make it a duplicate.
    /// </summary>
    public static string UniqueWireStory()
    {
        var text = Sample("kazakhstan-emergency.txt");
        var marker = "With reporting by";
        return text.Replace(marker, $"Correspondent reference {Guid.NewGuid():N}.\n\n{marker}", StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Alerts.sln not found");
    }
}
