using System.Reflection;
using System.Xml.Linq;
using Alerts.Channels.Email;
using Alerts.Rules;
using Alerts.Storage;

namespace Alerts.Tests.Architecture;

/// <summary>
/// Alerts.Core is the domain over ports: it must build without the Azure SDKs, the mail libraries and the feed writer, which live in
/// Alerts.Azure and Alerts.Channels; and the Alerts assemblies must form layers, never a cycle.
/// </summary>
public sealed class DependencyTests
{
    private static readonly Assembly Core = typeof(RuleCatalog).Assembly;

    private static bool IsForbiddenInCore(string name) =>
        IsOrUnder(name, "Azure") || IsOrUnder(name, "Microsoft.Extensions.Azure")
        || IsOrUnder(name, "MailKit") || IsOrUnder(name, "MimeKit") || IsOrUnder(name, "Fluid")
        || IsOrUnder(name, "System.ServiceModel");

    private static bool IsOrUnder(string name, string root) =>
        string.Equals(name, root, StringComparison.OrdinalIgnoreCase) || name.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase);

    private static bool IsOurs(AssemblyName name) =>
        name.Name is { } n && (n.StartsWith("Alerts.", StringComparison.Ordinal) || n == "alerts") && n != "Alerts.Tests";

    [Theory]
    [InlineData("Azure.Core")]
    [InlineData("Azure.Data.Tables")]
    [InlineData("Microsoft.Extensions.Azure")]
    [InlineData("MailKit")]
    [InlineData("MimeKit")]
    [InlineData("Fluid.Core")]
    [InlineData("System.ServiceModel.Syndication")]
    public void The_forbidden_list_catches_the_libraries_it_names(string name) => Assert.True(IsForbiddenInCore(name));

    [Fact]
    public void Core_assembly_references_no_Azure_SDK_and_no_mail_library()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Lucene.Net", references); // the check reads real references
        Assert.DoesNotContain(references, IsForbiddenInCore);
    }

    [Fact]
    public void Core_project_has_no_Azure_SDK_and_no_mail_package()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "Alerts.Core", "Alerts.Core.csproj"));
        var packages = project.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include") ?? "").ToList();

        Assert.NotEmpty(packages);
        Assert.DoesNotContain(packages, IsForbiddenInCore);
        Assert.Empty(project.Descendants("ProjectReference"));
    }

    [Fact]
    public void The_adapters_depend_on_core_and_core_on_neither()
    {
        var azure = typeof(AzureAnalysisStore).Assembly;
        var channels = typeof(EmailTemplates).Assembly;

        Assert.Contains(azure.GetReferencedAssemblies(), a => a.Name == Core.GetName().Name);
        Assert.Contains(channels.GetReferencedAssemblies(), a => a.Name == Core.GetName().Name);
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name == azure.GetName().Name || a.Name == channels.GetName().Name);
        Assert.DoesNotContain(channels.GetReferencedAssemblies(), a => a.Name == azure.GetName().Name);
    }

    [Fact]
    public void There_is_no_cycle_between_the_Alerts_assemblies()
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([Assembly.GetExecutingAssembly()]);
        while (pending.TryDequeue(out var assembly))
        {
            var ours = assembly.GetReferencedAssemblies().Where(IsOurs).ToList();
            graph[assembly.GetName().Name!] = [.. ours.Select(a => a.Name!)];
            foreach (var reference in ours.Where(r => !graph.ContainsKey(r.Name!) && !pending.Any(p => p.GetName().Name == r.Name)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        Assert.Superset(new HashSet<string>(["Alerts.Core", "Alerts.Azure", "Alerts.Channels", "Alerts.Functions"]), graph.Keys.ToHashSet());
        Assert.Null(FindCycle(graph));
    }

    [Fact]
    public void There_is_no_cycle_between_the_projects()
    {
        // The project files cover the hosts too (the CLI and the local host), which the tests do not load.
        var graph = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(
                p => Path.GetFileNameWithoutExtension(p),
                p => XDocument.Load(p).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? "").Replace('\\', '/')))
                    .ToList(),
                StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["Alerts.Core", "Alerts.Azure", "Alerts.Channels", "Alerts.Functions", "Alerts.LocalHost", "Alerts.Cli"]), graph.Keys.ToHashSet());
        Assert.Null(FindCycle(graph));
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle()
    {
        var graph = new Dictionary<string, List<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };

        Assert.Equal("a -> b -> c -> a", FindCycle(graph));
    }

    /// <summary>A cycle as "a -> b -> a", or null when the graph has none.</summary>
    private static string? FindCycle(Dictionary<string, List<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        string? Visit(string node)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                return string.Join(" -> ", path.Skip(at).Append(node));
            }
            if (!done.Add(node))
            {
                return null;
            }
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }
}
