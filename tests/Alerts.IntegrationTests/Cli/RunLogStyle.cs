using System.Text.RegularExpressions;

namespace Alerts.IntegrationTests.Cli;

/// <summary>The one style of what <c>alerts run</c> prints: <c>HH:mm:ss level: category[event] message</c>, a line an event.</summary>
internal static partial class RunLogStyle
{
    [GeneratedRegex(@"^\d\d:\d\d:\d\d (trce|dbug|info|warn|fail|crit): [\w.]+\[-?\d+\] \S")]
    public static partial Regex Line();
}
