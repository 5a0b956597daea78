using System.CommandLine;
using System.Globalization;
using Alerts.LocalHost;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary><c>alerts receive</c>: a webhook receiver on this machine, to see alerts arrive while trying things locally.</summary>
internal static class ReceiveCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 5055 };
        var secret = new Option<string?>("--secret") { Description = "The subscription's signing secret (whsec_…), to verify each delivery." };
        var command = new Command("receive", "Receive webhooks on 127.0.0.1: answers the handshake, verifies signatures, shows each alert.") { port, secret };
        command.SetAction(async (result, ct) =>
        {
            var p = result.GetValue(port);
            await using var app = WebhookInbox.Build(p, AnsiConsole.Console, result.GetValue(secret));
            await app.StartAsync(ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]✓[/] Receiving webhooks at [bold]http://127.0.0.1:{p}/hooks/alerts[/] [grey](Ctrl+C stops)[/]");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop listening.
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
