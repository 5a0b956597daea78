using System.Text.Json;
using Alerts.LocalHost;
using Microsoft.Extensions.Configuration;

namespace Alerts.Cli;

/// <summary>
/// Settings for the CLI: the same names as the function app. The local defaults of <c>alerts run</c> (Azurite, the mail
/// catcher, loopback webhooks) come first, so every command works on a fresh clone; the <c>Values</c> of
/// <c>local.settings.json</c> (current folder up to the repo root), then environment variables, then command-line
/// flags win over them.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>The local host's address: where <c>alerts run</c> serves the API and unsubscribe links point.</summary>
    public static readonly LocalHostOptions LocalHost = new();

    public static IConfigurationRoot Build(IDictionary<string, string?>? overrides = null) => Build(LocalHost, overrides);

    public static IConfigurationRoot Build(LocalHostOptions localHost, IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(localHost));
        if (FindLocalSettings() is { } path)
        {
            builder.AddInMemoryCollection(ReadValues(path));
        }
        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }
        return builder.Build();
    }

    /// <summary>The Functions host turns <c>Values</c> into environment variables; "__" becomes the section separator.</summary>
    internal static Dictionary<string, string?> ReadValues(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }
        return values;
    }

    private static string? FindLocalSettings()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "local.settings.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                break;
            }
        }
        return null;
    }
}
