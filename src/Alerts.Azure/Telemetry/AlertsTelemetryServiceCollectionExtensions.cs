using Alerts.Language;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alerts.Telemetry;

public static class AlertsTelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry for the pipeline's own spans (<see cref="AlertsTelemetry.Source"/>), metrics (the <c>Alerts</c>
    /// and <c>Alerts.Language</c> meters) and logs, in every host: to Application Insights with Entra auth when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to a collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is,
    /// and to the console when <c>Alerts__Telemetry__Console</c> asks. The settings are validated at start. HTTP and
    /// ASP.NET Core spans are left out on purpose: their URLs carry webhook paths and subscribers' link tokens.
    /// </summary>
    /// <returns>The builder, for a host's own additions (the function app's worker defaults).</returns>
    public static IOpenTelemetryBuilder AddAlertsTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        var settings = TelemetrySettings.From(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>>(new TelemetrySettingsValidator(settings));

        // The scrubbers come first: every exporter after them sees what they leave.
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(AlertsTelemetry.Name)
                .AddProcessor(new RedactingActivityProcessor()))
            .WithMetrics(metrics => metrics
                .AddMeter(AlertsTelemetry.Name, LanguageMetrics.MeterName))
            .WithLogging(
                logging => logging.AddProcessor(new RedactingLogProcessor()),
                options =>
                {
                    // Scopes are left out: a host's scopes are not ours to vouch for.
                    options.IncludeScopes = false;
                    options.IncludeFormattedMessage = true;
                });

        if (settings.ConnectionString is { } connectionString && settings.Validate().Count == 0)
        {
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = settings.CreateCredential();
            });
        }
        if (settings.OtlpEndpoint is not null)
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) itself, per the specification.
            builder.WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());
        }
        if (settings.Console)
        {
            builder.WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }
        return builder;
    }

    /// <summary>
    /// For a process without a host (the CLI): validates the settings and starts the providers, as a host's start does.
    /// Disposing the service provider flushes them.
    /// </summary>
    public static IServiceProvider StartAlertsTelemetry(this IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<LoggerProvider>();
        return services;
    }

    private sealed class TelemetrySettingsValidator(TelemetrySettings settings) : IValidateOptions<TelemetryOptions>
    {
        public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
            settings.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
