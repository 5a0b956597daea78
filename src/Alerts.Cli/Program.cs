using System.CommandLine;
using Alerts.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Not a terminal: Spectre.Console would assume 80 columns and hard-wrap long values (URLs, file names) mid-line.
    AnsiConsole.Profile.Width = 4096;
}

var root = new RootCommand("Alerts: turn news articles into alerts for watch rules.")
{
    AnalyzeCommand.Create(),
    EvalCommand.Create(),
    EvalFoldingCommand.Create(),
    RunCommand.Create(),
    UploadCommand.Create(),
    ReceiveCommand.Create(),
    PoisonCommands.Create(),
    StoryCommands.Create(),
};
foreach (var command in SubscriptionCommands.Create().Concat(DeliveryCommands.Create()).Concat(ResultsCommands.Create()))
{
    root.Subcommands.Add(command);
}
try
{
    // Our handler below decides which failures are the user's to fix; the default one prints every stack trace.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    return 130;
}
catch (Exception ex) when (CliErrors.Describe(ex) is { } line)
{
    // A bad setting or storage that is not running is the user's to fix: one line that says what, no stack trace.
    await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
    return 2;
}
catch (Alerts.Language.LanguageConfigurationException ex)
{
    // Falling back article after article would hide it: one line saying what to fix, and a failing exit code.
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 3;
}
