using Spectre.Console;

namespace Alerts.Cli;

/// <summary>A section heading: a rule across a terminal; a short line in redirected output, which has no width (see Program.cs).</summary>
internal static class ConsoleHeading
{
    public static void Write(IAnsiConsole console, string markup)
    {
        if (console.Profile.Out.IsTerminal)
        {
            console.Write(new Rule(markup).LeftJustified());
        }
        else
        {
            console.MarkupLine($"── {markup} ──");
        }
    }
}
