using System.CommandLine;
using System.Globalization;
using Alerts.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli;

/// <summary>
/// <c>alerts run</c>: the whole pipeline locally, without Azure Functions Core Tools: Azurite (its blob, queue and table
/// services started as three processes if they are not running, see <see cref="LocalAzurite"/>), the
/// blob, queue and timer triggers on the WebJobs SDK, the subscription API on :7071, and optionally a mail catcher.
/// Everything it prints is a log line in the local host's one style (<see cref="LocalLogging"/>).
/// </summary>
internal static partial class RunCommand
{
    public static Command Create()
    {
        var mail = new Option<bool>("--mail") { Description = "Run the local mail catcher (maildev): SMTP on the Alerts:Email:SmtpPort setting (1025), inbox at http://localhost:1080." };
        var inbox = new Option<int>("--mail-inbox-port") { Description = "With --mail: the port of the mail catcher's inbox (web and REST API).", DefaultValueFactory = _ => 1080 };
        var watch = new Option<string?>("--watch") { Description = "Upload files dropped into this folder to the articles container." };
        var port = new Option<int>("--port") { Description = "Port of the subscription API.", DefaultValueFactory = _ => 7071 };
        var azuritePorts = new Option<string?>("--azurite-ports") { Description = "The loopback ports of the Azurite it starts, as blob,queue,table (10000,10001,10002); the storage settings then point there." };
        var azuriteData = new Option<string?>("--azurite-data") { Description = "The folder for the data of the Azurite it starts (.azurite in the repository)." };
        var command = new Command("run", "Run the pipeline locally against Azurite: triggers, API, digests.") { mail, inbox, watch, port, azuritePorts, azuriteData };
        command.SetAction((result, ct) => RunAsync(
            new RunSettings(result.GetValue(mail), result.GetValue(inbox), result.GetValue(watch), result.GetValue(port), result.GetValue(azuritePorts), result.GetValue(azuriteData)), ct));
        return command;
    }

    private sealed record RunSettings(bool Mail, int InboxPort, string? Watch, int Port, string? AzuritePorts, string? AzuriteData);

    private static async Task<int> RunAsync(RunSettings run, CancellationToken cancellationToken)
    {
        var (mail, inboxPort, watch, port) = (run.Mail, run.InboxPort, run.Watch, run.Port);
        using var logging = LoggerFactory.Create(l => l.AddLocalConsole());
        var log = logging.CreateLogger("Alerts.LocalHost.Run");
        var root = RepoRoot.Find();
        var options = new LocalHostOptions { ApiUrl = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}"), WatchFolder = watch is null ? null : Path.GetFullPath(watch) };
        var configuration = CliConfiguration.Build(options);

        var services = new List<IAsyncDisposable>();
        try
        {
            if (IsDevelopmentStorage(configuration[Storage.StorageNames.Connection]))
            {
                var ports = run.AzuritePorts is null ? AzuritePorts.Default : AzuritePorts.Parse(run.AzuritePorts);
                var data = run.AzuriteData is null ? Path.Combine(root, ".azurite") : Path.GetFullPath(run.AzuriteData);
                var azurite = await LocalAzurite.StartAsync(root, ports, data, cancellationToken).ConfigureAwait(false);
                services.Add(azurite);
                var started = azurite.Describe();
                LogReady(log, "Azurite", started);
                if (ports != AzuritePorts.Default)
                {
                    // UseDevelopmentStorage=true means Azurite's default ports: name the ones it runs on instead.
                    var moved = new Dictionary<string, string?>();
                    foreach (var name in new[] { Storage.StorageNames.Connection, "AzureWebJobsStorage" })
                    {
                        if (IsDevelopmentStorage(configuration[name]))
                        {
                            moved[name] = ports.ConnectionString;
                        }
                    }
                    configuration = CliConfiguration.Build(options, moved);
                }
            }
            else if (run.AzuritePorts is not null || run.AzuriteData is not null)
            {
                throw new InvalidOperationException($"--azurite-ports and --azurite-data are for the Azurite alerts run starts, but '{Storage.StorageNames.Connection}' names other storage, not UseDevelopmentStorage=true.");
            }
            if (mail)
            {
                // It listens where the pipeline sends: the configured SMTP port (1025 unless set otherwise).
                var smtp = configuration["Alerts:Email:SmtpPort"] ?? "1025";
                if (!int.TryParse(smtp, NumberStyles.None, CultureInfo.InvariantCulture, out var smtpPort))
                {
                    throw new InvalidOperationException($"Alerts:Email:SmtpPort is '{smtp}', not a port number: the mail catcher cannot listen there.");
                }
                var maildev = await NodeService.StartAsync("maildev", root, "maildev",
                    ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", smtp, "--web", inboxPort.ToString(CultureInfo.InvariantCulture)], smtpPort, cancellationToken).ConfigureAwait(false);
                services.Add(maildev);
                LogMailCatcher(log, maildev.Reused ? "already running" : "started", smtpPort, inboxPort);
            }

            using var host = LocalHostBuilder.Build(configuration, options);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            LogApi(log, options.ApiUrl);
            LogTriggers(log, Storage.StorageNames.ImmediateQueue, configuration["DigestSchedule"]);
            if (options.WatchFolder is { } folder)
            {
                LogWatching(log, folder);
            }
            LogReady(log, "Ready", "Ctrl+C stops everything this command started");
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            LogFailed(log, ex.Message);
            return 1;
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool IsDevelopmentStorage(string? connection) => string.Equals(connection, "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{What}: {Where}")]
    private static partial void LogReady(ILogger logger, string what, string where);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Mail catcher {State}: SMTP 127.0.0.1:{SmtpPort}, inbox http://localhost:{InboxPort}")]
    private static partial void LogMailCatcher(ILogger logger, string state, int smtpPort, int inboxPort);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Subscription API: {ApiUrl}api/ (subscriptions, rules, unsubscribe, confirm)")]
    private static partial void LogApi(ILogger logger, Uri apiUrl);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Triggers: articles/{{name}} (blob), {Queue} (queue), digests on '{Schedule}'")]
    private static partial void LogTriggers(ILogger logger, string queue, string? schedule);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Watching {Folder}: drop .txt, .md, .html or .json files here")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Problem}")]
    private static partial void LogFailed(ILogger logger, string problem);
}
