using System.CommandLine;
using System.Globalization;
using Alerts.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>
/// <c>alerts run</c>: the whole pipeline locally, without Azure Functions Core Tools: Azurite (started if needed), the
/// blob, queue and timer triggers on the WebJobs SDK, the subscription API on :7071, and optionally a mail catcher.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var mail = new Option<bool>("--mail") { Description = "Run the local mail catcher (maildev): SMTP on 1025, inbox at http://localhost:1080." };
        var watch = new Option<string?>("--watch") { Description = "Upload files dropped into this folder to the articles container." };
        var port = new Option<int>("--port") { Description = "Port of the subscription API.", DefaultValueFactory = _ => 7071 };
        var command = new Command("run", "Run the pipeline locally against Azurite: triggers, API, digests.") { mail, watch, port };
        command.SetAction((result, ct) => RunAsync(result.GetValue(mail), result.GetValue(watch), result.GetValue(port), ct));
        return command;
    }

    private static async Task<int> RunAsync(bool mail, string? watch, int port, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var root = RepoRoot.Find();
        var options = new LocalHostOptions { ApiUrl = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}"), WatchFolder = watch is null ? null : Path.GetFullPath(watch) };
        var configuration = CliConfiguration.Build(options);

        var services = new List<NodeService>();
        try
        {
            if (string.Equals(configuration["AlertsStorage"], "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
            {
                var azurite = await NodeService.StartAsync("Azurite", root, "azurite",
                    ["--silent", "--location", Path.Combine(root, ".azurite"), "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1", "--skipApiVersionCheck", "--loose"],
                    10002, cancellationToken).ConfigureAwait(false);
                services.Add(azurite);
                Report(console, "Azurite", azurite.Reused ? "already running on 127.0.0.1:10000-10002" : "started on 127.0.0.1:10000-10002, data in .azurite/");
            }
            if (mail)
            {
                var maildev = await NodeService.StartAsync("maildev", root, "maildev", ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", "1025", "--web", "1080"], 1025, cancellationToken).ConfigureAwait(false);
                services.Add(maildev);
                Report(console, "Mail catcher", (maildev.Reused ? "already running" : "started") + ": SMTP 127.0.0.1:1025, inbox http://localhost:1080");
            }

            using var host = LocalHostBuilder.Build(configuration, options);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            Report(console, "Subscription API", options.ApiUrl + "api/ (subscriptions, rules, unsubscribe, confirm)");
            Report(console, "Triggers", $"articles/{{name}} (blob), {Storage.StorageNames.ImmediateQueue} (queue), digests on '{configuration["DigestSchedule"]}'");
            if (options.WatchFolder is { } folder)
            {
                Report(console, "Watching", $"{folder}: drop .txt, .md, .html or .json files here");
            }
            console.MarkupLine("[grey]Ctrl+C stops everything this command started.[/]");
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{ex.Message}[/]");
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

    private static void Report(IAnsiConsole console, string what, string where) =>
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] {what} [grey]{where}[/]");
}
