using Alerts.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// The whole pipeline in one local process: the WebJobs SDK runs the blob, queue and timer triggers against the
/// configured storage (Azurite), and Kestrel serves the subscription API on the Functions host's address.
/// </summary>
public static class LocalHostBuilder
{
    public const string ServiceName = "alerts-local";

    public static IHost Build(IConfiguration configuration, LocalHostOptions options, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(configuration, options, configure, host => host.ConfigureWebJobs(webJobs =>
            {
                // As host.json's poisonBlobThreshold: an upload that keeps failing (a Language configuration error) is
                // tried 3 times, then written to webjobs-blobtrigger-poison, in both hosts.
                webJobs.AddAzureStorageBlobs(b => b.PoisonBlobThreshold = 3);
                // Poll the immediate queue often: locally nobody waits for scale-out, they wait for the alert.
                webJobs.AddAzureStorageQueues(q =>
                {
                    q.MaxPollingInterval = TimeSpan.FromSeconds(1);
                    q.MaxDequeueCount = Alerts.Hosting.QueuePoison.MaxDequeueCount;
                });
                webJobs.Services.AddSingleton<IQueueProcessorFactory, UploadQueueProcessorFactory>();
                webJobs.AddTimers();
                webJobs.Services.RemoveAll<ScheduleMonitor>();
                webJobs.Services.AddSingleton<ScheduleMonitor, LocalScheduleMonitor>();
                // A fault in the trigger machinery is logged, not fatal: the API and the other listeners keep running.
                webJobs.Services.AddSingleton<SurvivingExceptionHandler>();
                webJobs.Services.RemoveAll<IWebJobsExceptionHandlerFactory>();
                webJobs.Services.AddSingleton<IWebJobsExceptionHandlerFactory>(sp => sp.GetRequiredService<SurvivingExceptionHandler>());
            }))
            .ConfigureServices(services =>
            {
                services.AddSingleton<ITypeLocator>(new ExplicitTypeLocator(typeof(LocalFunctions)));
                services.AddSingleton(options);
                services.AddSingleton<UploadedBlobProcessor>();
                services.AddHostedService<UploadReconciler>();
                if (options.WatchFolder is { } folder)
                {
                    services.AddHostedService(sp => new FolderWatcher(folder, sp.GetRequiredService<ArticleUploader>(), sp.GetRequiredService<ActivityReporter>()));
                }
            })
            .UseDefaultServiceProvider(o => o.ValidateOnBuild = true)
            .Build();
    }

    /// <summary>Only the web part: the subscription API on Kestrel, with no triggers listening to storage.</summary>
    public static IHost BuildApi(IConfiguration configuration, LocalHostOptions options, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(configuration, options, configure, triggers: null).UseDefaultServiceProvider(o => o.ValidateOnBuild = true).Build();
    }

    // The trigger engine is registered before the pipeline's services, so the pipeline's TryAdd calls see its services.
    private static IHostBuilder Create(IConfiguration configuration, LocalHostOptions options, Action<IServiceCollection>? configure, Action<IHostBuilder>? triggers)
    {
        var builder = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddConfiguration(configuration))
            .ConfigureLogging(logging => logging.AddLocalConsole());
        triggers?.Invoke(builder);
        return builder
            .ConfigureWebHost(web => web
                .UseKestrel()
                .UseUrls(options.ApiUrl.GetLeftPart(UriPartial.Authority))
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(LocalApi.Map);
                }))
            .ConfigureServices((context, services) =>
            {
                var config = context.Configuration;
                services.AddRouting();
                services.AddAlertsAnalysis(config).AddAlertsStorage(config).AddAlertsDelivery(config).AddAlertsChannels(config).AddAlertsAcsEmail().AddAlertsHosting();
                services.AddAlertsTelemetry(config, ServiceName);
                services.TryAddSingleton<ActivityReporter>();
                services.TryAddSingleton<ArticleUploader>();
                configure?.Invoke(services);
            });
    }
}
