namespace Alerts.Tests.Language;

internal static class Story
{
    /// <summary>A 5,144-character wire story: longer than one Language document.</summary>
    public static string KazakhstanFloods { get; } =
        File.ReadAllText(RepoPaths.Combine("tests", "Alerts.Tests", "Language", "Data", "kazakhstan-floods-emergency.txt"))
            .ReplaceLineEndings("\n");
}
