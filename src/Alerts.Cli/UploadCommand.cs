using System.CommandLine;
using System.Globalization;
using Alerts.LocalHost;
using Alerts.Storage;
using Spectre.Console;

namespace Alerts.Cli;

/// <summary><c>alerts upload &lt;file|folder&gt;...</c>: put articles into the configured storage's <c>articles</c> container.</summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Article files or folders of them.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("upload", "Upload articles to the articles container (Azurite by default) to trigger their analysis.") { paths };
        command.SetAction(async (result, ct) =>
        {
            var files = InputFiles.Expand(result.GetRequiredValue(paths), out var missing);
            foreach (var path in missing)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Not found:[/] {path}");
            }
            var configuration = CliConfiguration.Build();
            var connection = StorageConnection.FromConfiguration(configuration);
            var uploader = new ArticleUploader(
                connection.CreateBlobServiceClient(),
                connection.CreateQueueServiceClient(new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 }));
            var failed = missing.Count;
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"Uploading {files.Count} files", maxValue: Math.Max(1, files.Count));
                foreach (var file in files)
                {
                    try
                    {
                        await uploader.UploadAsync(file, null, ct).ConfigureAwait(false);
                    }
                    catch (Azure.RequestFailedException ex)
                    {
                        failed++;
                        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{file}:[/] {ex.Message}");
                    }
                    task.Increment(1);
                }
            }).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Uploaded {files.Count - (failed - missing.Count)} of {files.Count} files to articles/.");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
