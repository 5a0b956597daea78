using System.CommandLine;
using Alerts.Cli;

var root = new RootCommand("Alerts: turn news articles into alerts for watch rules.")
{
    AnalyzeCommand.Create(),
    EvalCommand.Create(),
    RunCommand.Create(),
    UploadCommand.Create(),
    ReceiveCommand.Create(),
    PoisonCommands.Create(),
};
foreach (var command in SubscriptionCommands.Create().Concat(DeliveryCommands.Create()))
{
    root.Subcommands.Add(command);
}
try
{
    return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A bad setting is the user's to fix: say which, without a stack trace.
    await Console.Error.WriteLineAsync($"Invalid settings: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
    return 2;
}
