using System.Text.Json.Nodes;
using Alerts.Hosting;

namespace Alerts.Tests.Hosting;

/// <summary>
/// A message counts on <c>alerts.poison.messages</c> when it fails its last try: the count is right only while the
/// handlers' idea of the last try is host.json's. The function app's host exports through OpenTelemetry too.
/// </summary>
public sealed class QueuePoisonTests
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("host.json")))!;

    [Fact]
    public void The_handlers_last_try_is_host_jsons()
    {
        Assert.Equal(QueuePoison.MaxDequeueCount, (int)HostJson["extensions"]!["queues"]!["maxDequeueCount"]!);
    }

    [Fact]
    public void The_host_exports_its_telemetry_through_OpenTelemetry_like_the_worker()
    {
        Assert.Equal("OpenTelemetry", (string?)HostJson["telemetryMode"]);
    }
}
