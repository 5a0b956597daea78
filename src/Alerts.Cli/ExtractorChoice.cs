using Alerts.Language;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>Maps <c>--extractor</c> onto the settings that choose the extractor.</summary>
internal static class ExtractorChoice
{
    private const string EndpointKey = LanguageOptions.SectionName + ":" + nameof(LanguageOptions.Endpoint);

    public static bool Apply(string choice, IConfiguration configuration, IDictionary<string, string?> overrides, IAnsiConsole errors)
    {
        if (choice == "embedded")
        {
            // Offline unless asked: an endpoint in the user's settings must not make `analyze` call the cloud.
            overrides[EndpointKey] = "";
            return true;
        }
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            errors.MarkupLine("[red]--extractor azure needs the Language endpoint:[/] set Alerts__Language__Endpoint (and Alerts__Language__Key, or sign in for DefaultAzureCredential).");
            return false;
        }
        return true;
    }
}
