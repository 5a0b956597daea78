using System.CommandLine;
using Alerts.Cli;

var root = new RootCommand("Alerts: turn news articles into alerts for watch rules.")
{
    AnalyzeCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
