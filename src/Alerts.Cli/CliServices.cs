using Alerts.Rules;
using Alerts.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>The pipeline's services for commands that work directly against storage (the function app's own registrations).</summary>
internal static class CliServices
{
    private const string ServiceName = "alerts-cli";

    public static ServiceProvider Build(IConfiguration configuration, LogLevel minimum = LogLevel.Warning) =>
        new ServiceCollection()
            .AddCliLogging(minimum)
            .AddSingleton(configuration)
            .AddAlertsAnalysis(configuration)
            .AddAlertsStorage(configuration)
            .AddAlertsDelivery(configuration)
            .AddAlertsChannels(configuration)
            .AddAlertsAcsEmail()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

    /// <summary>
    /// Parsing, entities and rules only (no storage), for <c>analyze</c> and <c>eval</c>: the rules and extractor the
    /// command line chose, with each rule that did not load reported. Null after a usage error it has reported.
    /// </summary>
    public static ServiceProvider? BuildAnalysis(string? rulesPath, bool noBuiltin, string extractor, IAnsiConsole errors)
    {
        var overrides = new Dictionary<string, string?>
        {
            [RulesOptions.SectionName + ":" + nameof(RulesOptions.IncludeBuiltin)] = noBuiltin ? "false" : "true",
            [RulesOptions.SectionName + ":" + nameof(RulesOptions.Path)] = rulesPath ?? "",
        };
        if (!ExtractorChoice.Apply(extractor, CliConfiguration.Build(overrides), overrides, errors))
        {
            return null;
        }
        var configuration = CliConfiguration.Build(overrides);
        var services = new ServiceCollection()
            .AddCliLogging(LogLevel.Warning)
            .AddAlertsAnalysis(configuration);
        // The same telemetry as the hosts (OTLP or console when asked): `analyze` spans show how long each step takes.
        services.AddAlertsTelemetry(configuration, ServiceName);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.StartAlertsTelemetry();
        foreach (var error in provider.GetRequiredService<RuleCatalog>().Errors)
        {
            errors.MarkupLineInterpolated($"[yellow]Rule not loaded:[/] {error}");
        }
        return provider;
    }

    private static IServiceCollection AddCliLogging(this IServiceCollection services, LogLevel minimum) =>
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true)
            // The Azure SDK logs the 409s of its own create-if-missing calls as warnings: noise on every command.
            .AddFilter((category, level) => category?.StartsWith("Azure.", StringComparison.Ordinal) == true ? level >= LogLevel.Error : level >= minimum)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
