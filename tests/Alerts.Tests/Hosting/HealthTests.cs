using System.Text;
using System.Text.Json;
using Alerts.Api;
using Alerts.Entities;
using Alerts.Health;
using Alerts.Hosting;
using Alerts.Language;
using Alerts.Tests.Language;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.Tests.Hosting;

/// <summary><c>GET /api/health</c> as a probe reads it: up or not, each dependency's state, and nothing secret.</summary>
public sealed class HealthTests
{
    private sealed class Probe(string name, bool required, Func<CancellationToken, Task<DependencyHealth>> check) : IDependencyProbe
    {
        public string Name => name;

        public bool Required => required;

        public Task<DependencyHealth> CheckAsync(CancellationToken cancellationToken) => check(cancellationToken);
    }

    private static async Task<(int Status, JsonElement Body, string Text)> AskAsync(params IDependencyProbe[] probes)
    {
        var services = new ServiceCollection().AddSingleton(new AppHealth(probes)).BuildServiceProvider();
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        var request = ApiRequest.From(context.Request) with { Services = services };
        var response = await ApiRoutes.Get(ApiRoutes.Health).Handler(null!, request);
        var text = JsonSerializer.Serialize(response.Json, AlertsJson.Options);
        return (response.Status, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    [Fact]
    public async Task All_dependencies_well_is_200_up_with_each_named()
    {
        var (status, body, _) = await AskAsync(
            new Probe("storage", true, _ => Task.FromResult(DependencyHealth.Reachable())),
            new Probe("email", false, _ => Task.FromResult(DependencyHealth.Configured("smtp"))));

        Assert.Equal(200, status);
        Assert.Equal("up", body.GetProperty("status").GetString());
        Assert.Equal("reachable", body.GetProperty("dependencies").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("smtp", body.GetProperty("dependencies").GetProperty("email").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Storage_that_throws_is_503_down_naming_the_exception_type_not_its_message()
    {
        var (status, body, text) = await AskAsync(
            new Probe("storage", true, _ => throw new HttpRequestException("Connection refused (stalerts7f3.blob.core.windows.net:443)")),
            new Probe("language", false, _ => Task.FromResult(DependencyHealth.Configured())));

        Assert.Equal(503, status);
        Assert.Equal("down", body.GetProperty("status").GetString());
        Assert.Equal("unreachable", body.GetProperty("dependencies").GetProperty("storage").GetProperty("status").GetString());
        Assert.Contains("HttpRequestException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stalerts7f3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_optional_dependency_is_200_degraded()
    {
        var (status, body, _) = await AskAsync(
            new Probe("storage", true, _ => Task.FromResult(DependencyHealth.Reachable())),
            new Probe("language", false, _ => Task.FromResult(DependencyHealth.Failing("configuration error (HTTP 403)"))));

        Assert.Equal(200, status);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task After_a_language_401_the_report_says_failing_with_the_status_and_names_neither_endpoint_nor_key()
    {
        await using var standIn = await LanguageStandIn.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:Language:Endpoint"] = standIn.Endpoint.ToString(),
            ["Alerts:Language:Key"] = "wrong-key-0d9f8e7c6b5a",
        });
        builder.Services.AddLogging();
        builder.Services.AddEntityExtraction<EmbeddedEntityExtractor>(builder.Configuration, o => standIn.Configure(o, maxRetries: 0));
        builder.Services.AddSingleton<AppHealth>();
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<AppHealth>();
        var before = Serialize(await health.CheckAsync(CancellationToken.None));

        await Assert.ThrowsAsync<LanguageConfigurationException>(() =>
            host.Services.GetRequiredService<IEntityExtractor>().ExtractAsync("Aid reached Semey.", "en", CancellationToken.None));
        var after = await health.CheckAsync(CancellationToken.None);
        var text = Serialize(after);

        Assert.Contains("\"configured\"", before, StringComparison.Ordinal);
        Assert.Contains("2024-11-01", before, StringComparison.Ordinal);
        Assert.Equal(200, after.Status);
        Assert.Contains("\"failing\"", text, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", text, StringComparison.Ordinal);
        Assert.DoesNotContain(standIn.Endpoint.Authority, text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", before + text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", before + text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_nobody_listens_on_is_503_down_within_the_probe_timeout()
    {
        // Azurite's well-known development account on a port nothing listens on.
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (status, body, text) = await AskAsync(new Alerts.Storage.StorageProbe(blobs));

        Assert.Equal(503, status);
        Assert.Equal("unreachable", body.GetProperty("dependencies").GetProperty("storage").GetProperty("status").GetString());
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < AppHealth.ProbeTimeout + TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    private static string Serialize(ApiResponse response) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(response.Json, AlertsJson.Options));
}
