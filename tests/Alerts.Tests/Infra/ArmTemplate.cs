using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alerts.Tests.Infra;

/// <summary>One resource of the compiled ARM template, with the chain of modules it sits in ("" for main).</summary>
internal sealed record ArmResource(string Key, string Type, JsonObject Node, string Module, JsonObject Template)
{
    public bool IsExisting => Node["existing"]?.GetValue<bool>() == true;

    public JsonNode? Properties => Node["properties"];
}

/// <summary>Reads the ARM JSON that <c>bicep build infra/main.bicep</c> writes, modules (nested deployments) included.</summary>
internal static partial class ArmTemplate
{
    private static readonly Lazy<(BicepRun Build, JsonObject? Template)> Compiled = new(() =>
    {
        var build = BicepCli.Run("build", InfraPaths.MainBicep, "--stdout");
        var template = build.ExitCode == 0 ? JsonNode.Parse(build.Output)?.AsObject() : null;
        return (build, template);
    });

    public static BicepRun Build => Compiled.Value.Build;

    public static JsonObject Main => Compiled.Value.Template
        ?? throw new InvalidOperationException($"infra/main.bicep did not build:\n{Build.Error}");

    /// <summary>Every resource declared (not <c>existing</c>), in main and in every module.</summary>
    public static IReadOnlyList<ArmResource> Resources => [.. All(Main, "").Where(r => !r.IsExisting)];

    public static IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>A module of main.bicep by its symbolic name.</summary>
    public static JsonObject Module(string name) =>
        All(Main, "").Single(r => r.Module.Length == 0 && r.Key == name && r.Type == "Microsoft.Resources/deployments").Node;

    /// <summary>The value main.bicep passes to a module's parameter.</summary>
    public static JsonNode? ModuleParameter(string module, string parameter) =>
        Module(module)["properties"]?["parameters"]?[parameter]?["value"];

    /// <summary>
    /// The role definition ids an assignment's <c>roleDefinitionId</c> names: literal GUIDs, or
    /// <c>variables('x')</c> / <c>variables('x').y</c> resolved against the template the assignment is in.
    /// </summary>
    public static IReadOnlyList<string> RoleDefinitionIds(ArmResource assignment)
    {
        var expression = assignment.Properties?["roleDefinitionId"]?.ToString() ?? "";
        if (assignment.Node["copy"] is not null)
        {
            // A loop: the roles are the array it walks, e.g. createArray(variables('roles').a, variables('roles').b)[copyIndex()].
            expression += " " + assignment.Node["copy"]!["count"];
        }
        var ids = new List<string>(Guid().Matches(expression).Select(m => m.Value));
        foreach (Match match in VariableReference().Matches(expression))
        {
            var value = assignment.Template["variables"]?[match.Groups[1].Value];
            if (match.Groups[2].Success)
            {
                value = value?[match.Groups[2].Value];
            }
            ids.AddRange(Guid().Matches(value?.ToString() ?? "").Select(m => m.Value));
        }
        return [.. ids.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static IEnumerable<ArmResource> All(JsonObject template, string module)
    {
        var resources = template["resources"];
        // languageVersion 2.0 keys resources by symbolic name; 1.0 lists them.
        var items = resources switch
        {
            JsonObject byName => byName.Select(p => (p.Key, p.Value!.AsObject())),
            JsonArray list => list.Select((r, i) => ($"{i}", r!.AsObject())),
            _ => [],
        };
        foreach (var (key, node) in items)
        {
            var type = node["type"]!.ToString();
            yield return new ArmResource(key, type, node, module, template);
            if (type == "Microsoft.Resources/deployments" && node["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in All(nested, module.Length == 0 ? key : $"{module}/{key}"))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex Guid();

    [GeneratedRegex(@"variables\('(\w+)'\)(?:\.(\w+))?", RegexOptions.CultureInvariant)]
    private static partial Regex VariableReference();
}

internal static class InfraPaths
{
    public static string Infra => RepoPaths.Combine("infra");

    public static string MainBicep => RepoPaths.Combine("infra", "main.bicep");
}
