using System.CommandLine;
using Alerts.Cli;

var root = new RootCommand("Alerts: turn news articles into alerts for watch rules.")
{
    AnalyzeCommand.Create(),
    RunCommand.Create(),
    UploadCommand.Create(),
};
foreach (var command in SubscriptionCommands.Create().Concat(DeliveryCommands.Create()))
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
