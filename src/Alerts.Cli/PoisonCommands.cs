using System.CommandLine;
using System.Globalization;
using Alerts.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary>
/// <c>alerts poison list|replay &lt;queue&gt;</c>: messages the hosts gave up on (moved to <c>&lt;queue&gt;-poison</c>
/// after the maximum dequeue count), listed by id and size, never by content, and put back on their queue once the
/// cause is fixed. Replaying is safe twice: every handler claims each send in the delivery ledger.
/// </summary>
internal static class PoisonCommands
{
    private static readonly string[] Queues = [StorageNames.ImmediateQueue, StorageNames.ImmediateBatchQueue, StorageNames.DigestBatchQueue];
    private const int MaxMessages = 1_000;

    public static Command Create()
    {
        var command = new Command("poison", "List or replay queue messages that kept failing.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Replay());
        return command;
    }

    private static Argument<string> QueueArgument() => new Argument<string>("queue") { Description = $"The queue whose poison messages to use: {string.Join(" or ", Queues)}." }
        .AcceptOnlyFromAmong(Queues);

    private static Command List()
    {
        var queue = QueueArgument();
        var command = new Command("list", "List the poison messages of a queue (id, first queued, dequeue count, size).") { queue };
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var poison = PoisonQueue(services, result.GetRequiredValue(queue));
            if (!await poison.ExistsAsync(ct).ConfigureAwait(false))
            {
                AnsiConsole.MarkupLine("[grey]No poison messages.[/]");
                return 0;
            }
            // Peeked, not received: listing changes nothing.
            var messages = (await poison.PeekMessagesAsync(32, ct).ConfigureAwait(false)).Value;
            if (messages.Length == 0)
            {
                AnsiConsole.MarkupLine("[grey]No poison messages.[/]");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Message", "Queued", "Dequeue count", "Bytes");
            foreach (var m in messages)
            {
                table.AddRow(Markup.Escape(m.MessageId), m.InsertedOn?.ToString("u", CultureInfo.InvariantCulture) ?? "", m.DequeueCount.ToString(CultureInfo.InvariantCulture),
                    m.Body.ToMemory().Length.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            var properties = await poison.GetPropertiesAsync(ct).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]About {properties.Value.ApproximateMessagesCount} in {poison.Name} (the first 32 shown).[/]");
            return 0;
        });
        return command;
    }

    private static Command Replay()
    {
        var queue = QueueArgument();
        var command = new Command("replay", "Put a queue's poison messages back on the queue, to be handled again.") { queue };
        command.SetAction(async (result, ct) =>
        {
            await using var services = CliServices.Build(CliConfiguration.Build());
            var name = result.GetRequiredValue(queue);
            var poison = PoisonQueue(services, name);
            var target = services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
            if (!await poison.ExistsAsync(ct).ConfigureAwait(false))
            {
                AnsiConsole.MarkupLine("[grey]No poison messages.[/]");
                return 0;
            }
            await target.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            var replayed = 0;
            while (replayed < MaxMessages)
            {
                var batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false)).Value;
                if (batch.Length == 0)
                {
                    break;
                }
                foreach (var m in batch)
                {
                    // Sent before it is deleted: a replay cut short leaves the message in both queues, never in neither.
                    await target.SendMessageAsync(m.Body, cancellationToken: ct).ConfigureAwait(false);
                    await poison.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct).ConfigureAwait(false);
                    replayed++;
                }
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{replayed} message(s) put back on {name}.");
            return 0;
        });
        return command;
    }

    private static QueueClient PoisonQueue(ServiceProvider services, string queue) =>
        services.GetRequiredService<QueueServiceClient>().GetQueueClient(queue + "-poison");
}
