using System.Reflection;
using System.Text.Json;

namespace Alerts.Tests.Functions;

/// <summary>The Worker SDK writes functions.metadata at build; the Functions host reads triggers from it, not from our code.</summary>
public class FunctionMetadataTests
{
    private static JsonElement Function(string name)
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = RepoPaths.Combine("src", "Alerts.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build the solution first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).Clone();
    }

    [Fact]
    public void ArticleUploaded_is_an_event_grid_blob_trigger_on_articles_with_the_storage_connection()
    {
        var function = Function("ArticleUploaded");
        var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "blobTrigger");

        Assert.Equal("articles/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("AlertsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
    }

    [Fact]
    public void PruneStories_is_a_timer_on_the_StoryPruneSchedule_setting()
    {
        var trigger = Function("PruneStories").GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "timerTrigger");

        Assert.Equal("%StoryPruneSchedule%", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void The_function_app_output_carries_host_json()
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var hostJson = RepoPaths.Combine("src", "Alerts.Functions", "bin", configuration, "net10.0", "host.json");
        using var document = JsonDocument.Parse(File.ReadAllText(hostJson));
        Assert.Equal("2.0", document.RootElement.GetProperty("version").GetString());
        Assert.True(document.RootElement.GetProperty("extensions").GetProperty("blobs").GetProperty("maxDegreeOfParallelism").GetInt32() > 0);
    }
}
