using Alerts.Functions;
using Alerts.Telemetry;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alerts.Tests.Telemetry;

/// <summary>
/// The function app's composition (Program.cs) with the settings infra/main.bicep gives it: Application Insights by
/// connection string with Entra auth through the user-assigned identity, no keys. The providers resolve, the exporter
/// holds a managed identity credential, and bad settings stop the start with a message naming the setting only.
/// Every endpoint is a closed loopback port, so nothing leaves the machine.
/// </summary>
public sealed class FunctionAppTelemetryStartupTests
{
    private const string ClientId = "2f1c8a4e-9b7d-4c3a-8e6f-1a2b3c4d5e6f";
    private const string ConnectionString =
        "InstrumentationKey=6b0e9d5c-1f2a-4b3c-9d8e-7f6a5b4c3d2e;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/";

    private static Dictionary<string, string?> AzureSettings() => new()
    {
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ConnectionString,
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = $"Authorization=AAD;ClientId={ClientId}",
        ["AZURE_CLIENT_ID"] = ClientId,
        ["AlertsStorage:blobServiceUri"] = "https://127.0.0.1:9/blob",
        ["AlertsStorage:queueServiceUri"] = "https://127.0.0.1:9/queue",
        ["AlertsStorage:tableServiceUri"] = "https://127.0.0.1:9/table",
        ["AlertsStorage:credential"] = "managedidentity",
        ["AlertsStorage:clientId"] = ClientId,
        ["Alerts:Email:Provider"] = "acs",
        ["Alerts:Email:AcsEndpoint"] = "https://127.0.0.1:9/",
        ["Alerts:Email:Sender"] = "alerts@alerts.test",
    };

    private static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        return FunctionAppComposition.Compose(builder).Build();
    }

    [Fact]
    public void With_the_deployed_settings_the_providers_resolve_and_export_to_Application_Insights_as_the_identity()
    {
        using var host = Build(AzureSettings());

        host.Services.GetRequiredService<IStartupValidator>().Validate(); // what the host checks before it starts
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.NotNull(host.Services.GetService<LoggerProvider>());
        var exporter = host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);

        // Every class that declares a [Function] is made from these services, as the worker makes it per invocation.
        var functionClasses = typeof(FunctionAppComposition).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false).Length > 0))
            .ToList();
        Assert.True(functionClasses.Count >= 5, $"only {functionClasses.Count} function classes were found");
        foreach (var type in functionClasses)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Theory]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "SECRET-not-a-connection-string")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=SECRET")]
    [InlineData("AZURE_CLIENT_ID", "SECRET-client")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "SECRET:4317")]
    public void A_bad_telemetry_setting_stops_the_start_naming_the_setting_but_not_its_value(string setting, string value)
    {
        var settings = AzureSettings();
        settings[setting] = value;
        using var host = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_validates_the_telemetry_settings()
    {
        var settings = AzureSettings();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "not a url";
        using var host = Build(settings);

        // What the host runs before anything starts: ValidateOnStart's validator.
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(TelemetryOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", StringComparison.Ordinal));
    }
}
