using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli;

/// <summary>The pipeline's services for commands that work directly against storage (the function app's own registrations).</summary>
internal static class CliServices
{
    public static ServiceProvider Build(IConfiguration configuration, LogLevel minimum = LogLevel.Warning) =>
        new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= minimum)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(configuration)
            .AddAlertsAnalysis(configuration)
            .AddAlertsStorage(configuration)
            .AddAlertsDelivery(configuration)
            .AddAlertsChannels(configuration)
            .AddAlertsAcsEmail()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
}
