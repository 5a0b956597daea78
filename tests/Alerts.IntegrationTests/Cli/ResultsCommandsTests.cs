using System.Net;
using System.Text.Json.Nodes;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Alerts.IntegrationTests.Cli;

/// <summary>
/// "What happened to my uploads?", asked as an analyst asks it: articles go in with the real <c>alerts upload</c>, the
/// local host's blob trigger analyses them, and the real <c>alerts articles | article | matches</c> and
/// <c>GET /api/articles</c> on the local host say what became of each, alike.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class ResultsCommandsTests
{
    [Fact]
    public async Task Uploads_show_newest_first_with_the_refused_ones_reason_and_the_analysis_with_its_entities_and_rules()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var settings = new Dictionary<string, string?>(ChannelSettings.For()) { ["AlertsStorage"] = storage.ConnectionString };
        var api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var options = new LocalHostOptions { ApiUrl = api };
        using var app = LocalHostBuilder.Build(new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }).Build(), options);
        await app.StartAsync();
        var folder = Directory.CreateTempSubdirectory("alerts-results.").FullName;
        try
        {
            var good = Path.Combine(folder, "kazakhstan-emergency.txt");
            await File.WriteAllTextAsync(good, TestArticles.UniqueWireStory());
            var refused = Path.Combine(folder, "scanned-page.txt");
            await File.WriteAllBytesAsync(refused, [.. "Scanned page\n\n"u8, 0, 0, 0, 0x89, 0x10, 0, 0x7F]);

            // The good story first, then (once it is analysed) the refused one: the refused one is the newest.
            var (exit, output) = await AlertsCli.RunAsync(settings, "upload", good);
            Assert.True(exit == 0, output);
            await ListedAsync(settings, "kazakhstan-emergency.txt", "analysed");
            (exit, output) = await AlertsCli.RunAsync(settings, "upload", refused);
            Assert.True(exit == 0, output);
            var listing = await ListedAsync(settings, "scanned-page.txt", "failed");

            // The table a person reads: newest first, the refused upload with its reason code and sentence.
            (exit, output) = await AlertsCli.RunAsync(settings, "articles");
            Assert.True(exit == 0, output);
            var refusedAt = output.IndexOf("scanned-page.txt", StringComparison.Ordinal);
            var analysedAt = output.IndexOf("kazakhstan-emergency.txt", StringComparison.Ordinal);
            Assert.True(refusedAt >= 0 && analysedAt > refusedAt, output);
            var refusedLine = output.Split('\n').Single(l => l.Contains("scanned-page.txt", StringComparison.Ordinal));
            Assert.Contains("failed", refusedLine, StringComparison.Ordinal);
            Assert.Contains("binary", refusedLine, StringComparison.Ordinal);
            Assert.Contains("NUL bytes", refusedLine, StringComparison.Ordinal);

            // One analysis, by the short id the table shows: entities by category and the rules it met.
            var story = listing["items"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "kazakhstan-emergency.txt")!;
            var id = story["articleId"]!.GetValue<string>();
            Assert.Contains(id[..12], output, StringComparison.Ordinal);
            (exit, output) = await AlertsCli.RunAsync(settings, "article", id[..12]);
            Assert.True(exit == 0, output);
            Assert.Contains(story["title"]!.GetValue<string>(), output, StringComparison.Ordinal);
            Assert.Contains("Person", output, StringComparison.Ordinal);
            Assert.Contains("Tokayev", output, StringComparison.Ordinal);
            Assert.Contains("state-of-emergency", output, StringComparison.Ordinal);
            Assert.Contains("troop-arrivals", output, StringComparison.Ordinal);

            // The rule's matches of the last hour hold the story.
            (exit, output) = await AlertsCli.RunAsync(settings, "matches", "state-of-emergency", "--since", "1h");
            Assert.True(exit == 0, output);
            Assert.Contains(id[..12], output, StringComparison.Ordinal);

            // The HTTP API answers what the CLI printed, and the CLI through it shows the same analysis.
            using var http = new HttpClient { BaseAddress = api };
            var overHttp = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/articles", UriKind.Relative)));
            var (jsonExit, json, errors) = await AlertsCli.RunApartAsync(settings, "articles", "--json");
            Assert.True(jsonExit == 0, json + errors);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), overHttp), $"CLI: {json}\nHTTP: {overHttp}");
            var article = JsonNode.Parse(await http.GetStringAsync(new Uri($"/api/articles/{id}", UriKind.Relative)))!;
            Assert.Contains("state-of-emergency", article["matches"]!.AsArray().Select(m => m!["rule"]!.GetValue<string>()));
            (exit, output) = await AlertsCli.RunAsync(settings, "article", id, "--api", api.ToString());
            Assert.True(exit == 0, output);
            Assert.Contains("Tokayev", output, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Waits until <c>alerts articles --json</c> lists the upload with the status; returns that listing.</summary>
    private static async Task<JsonNode> ListedAsync(Dictionary<string, string?> settings, string name, string status)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (exit, output, errors) = await AlertsCli.RunApartAsync(settings, "articles", "--json");
            Assert.True(exit == 0, output + errors);
            Assert.True(errors.Length == 0, errors);
            var listing = JsonNode.Parse(output)!;
            if (listing["items"]!.AsArray().Any(i => i!["name"]!.GetValue<string>() == name && i["status"]!.GetValue<string>() == status))
            {
                return listing;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{name} was not listed as {status}: {output}");
            await Task.Delay(500);
        }
    }
}

/// <summary>
/// The results routes and commands as a careless or hostile caller uses them: a forged or foreign paging token, a huge
/// limit, an unknown id, a malformed time. Each is a clear 400 or 404 (a problem body saying what to send), never a 500.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class HostileResultsRequestTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("/api/articles?continuation=%25%25%25", 400, "continuation token")]
    [InlineData("/api/articles?continuation=JVVwbG9hZA", 400, "continuation token")] // a status row's key, base64url
    [InlineData("/api/articles?continuation=MDAwMDAwMDAwMDAwMDAwMDAwMF9hYmM", 400, "continuation token")] // another listing's token
    [InlineData("/api/articles?limit=1000000", 400, "limit")]
    [InlineData("/api/articles?limit=-1", 400, "limit")]
    [InlineData("/api/articles?status=deleted", 400, "status")]
    [InlineData("/api/articles/ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 404, "No such article")]
    [InlineData("/api/articles/..%2F..%2Fkeys%2Ftoken-key", 404, "")]
    [InlineData("/api/articles/ffffffff", 404, "No such article")]
    [InlineData("/api/rules/no-such-rule/matches", 404, "No such rule")]
    [InlineData("/api/rules/state-of-emergency/matches?from=2026-13-45", 400, "from")]
    [InlineData("/api/rules/state-of-emergency/matches?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", 400, "before")]
    [InlineData("/api/rules/state-of-emergency/matches?continuation=IXQhMDAw", 400, "continuation token")] // an upload listing's token
    public async Task A_bad_request_is_a_clear_400_or_404(string path, int status, string says)
    {
        var api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var options = new LocalHostOptions { ApiUrl = api };
        using var host = LocalHostBuilder.BuildApi(new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.For(options))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AlertsStorage"] = azurite.ConnectionString })
            .Build(), options);
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = api };
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode == status, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Contains(says, body, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData(1, "404: No such article", "article", "ffffffffffff")]
    [InlineData(1, "400: The listing request is not valid", "articles", "--limit", "5000")]
    [InlineData(1, "continuation token", "articles", "--next", "not-a-token")]
    [InlineData(2, "--since needs a duration", "matches", "state-of-emergency", "--since", "forever")]
    [InlineData(1, "404: No such rule", "matches", "no-such-rule")]
    public async Task A_bad_command_line_is_one_clear_message_and_a_failing_exit_code(int exitCode, string says, params string[] args)
    {
        var (exit, output) = await AlertsCli.RunAsync(new Dictionary<string, string?> { ["AlertsStorage"] = azurite.ConnectionString }, args);

        Assert.True(exit == exitCode, output);
        Assert.Contains(says, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // a stack frame
    }
}
