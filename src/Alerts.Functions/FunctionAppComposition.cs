using Alerts.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

namespace Alerts.Functions;

/// <summary>The function app's services, as Program.cs composes them (and the start-up tests build them).</summary>
internal static class FunctionAppComposition
{
    public const string ServiceName = "alerts-functions";

    public static FunctionsApplicationBuilder Compose(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services
            .AddAlertsAnalysis(builder.Configuration)
            .AddAlertsStorage(builder.Configuration)
            .AddAlertsDelivery(builder.Configuration)
            .AddAlertsChannels(builder.Configuration)
            .AddAlertsAcsEmail()
            .AddAlertsHosting();
        // The worker's defaults tell the host (telemetryMode OpenTelemetry in host.json) that the worker exports its own
        // telemetry, and join each invocation's span to the host's.
        builder.Services.AddAlertsTelemetry(builder.Configuration, ServiceName).UseFunctionsWorkerDefaults();
        return builder;
    }
}
