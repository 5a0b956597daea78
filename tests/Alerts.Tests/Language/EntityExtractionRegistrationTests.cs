using Alerts.Entities;
using Alerts.Language;
using Alerts.Language.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Language;

public class EntityExtractionRegistrationTests
{
    private static IHost Build(Dictionary<string, string?> settings, LanguageStandIn? standIn = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddEntityExtraction<StubEmbeddedExtractor>(builder.Configuration, o => standIn?.Configure(o));
        return builder.Build();
    }

    [Fact]
    public async Task An_unknown_api_version_stops_the_start_with_one_line_naming_the_versions()
    {
        using var host = Build(new() { ["Alerts:Language:ApiVersion"] = "2025-05-15-preview" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var line = Assert.Single(failure.Failures);
        Assert.Contains("Alerts:Language:ApiVersion", line, StringComparison.Ordinal);
        Assert.Contains("2024-11-01, 2023-04-01", line, StringComparison.Ordinal);
        Assert.Contains("'2025-05-15-preview'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_version_setting_pins_the_requests_and_2023_04_01_entities_get_the_same_categories()
    {
        await using var standIn = await LanguageStandIn.StartAsync();
        using var host = Build(new()
        {
            ["Alerts:Language:Endpoint"] = standIn.Endpoint.ToString(),
            ["Alerts:Language:Key"] = LanguageStandIn.Key,
            ["Alerts:Language:ApiVersion"] = "2023-04-01",
        }, standIn);
        await host.StartAsync();

        var extraction = await host.Services.GetRequiredService<IEntityExtractor>()
            .ExtractAsync("Doctors of the World Health Organization reached Kostanay and Almaty International Airport.", "en", CancellationToken.None);

        Assert.Equal(LanguageStandIn.OlderApiVersion, Assert.Single(standIn.Requests).ApiVersion);
        Assert.Contains(extraction.Entities, e => e is { Text: "Kostanay", Category: EntityCategory.Location, Subcategory: EntityCategory.Subcategories.GPE });
        Assert.Contains(extraction.Entities, e => e is { Text: "World Health Organization", Category: EntityCategory.Organization, Subcategory: EntityCategory.Subcategories.Medical });
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_an_endpoint_the_embedded_extractor_is_used()
    {
        using var host = Build([]);
        await host.StartAsync();

        Assert.IsType<StubEmbeddedExtractor>(host.Services.GetRequiredService<IEntityExtractor>());
        await host.StopAsync();
    }

    [Fact]
    public async Task With_an_endpoint_and_a_key_Azure_AI_Language_is_used_with_the_embedded_fallback()
    {
        await using var standIn = await LanguageStandIn.StartAsync();
        using var host = Build(new()
        {
            ["Alerts:Language:Endpoint"] = standIn.Endpoint.ToString(),
            ["Alerts:Language:Key"] = LanguageStandIn.Key,
        }, standIn);
        await host.StartAsync();

        var extractor = host.Services.GetRequiredService<IEntityExtractor>();
        var extraction = await extractor.ExtractAsync("Aid reached Semey.", "en", CancellationToken.None);

        Assert.IsType<FallbackEntityExtractor>(extractor);
        Assert.Equal("azure-language", extraction.Extractor);
        Assert.Equal("Semey", Assert.Single(extraction.Entities).Text);
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_a_key_the_client_authenticates_with_a_token()
    {
        using var host = Build(new() { ["Alerts:Language:Endpoint"] = "https://example.cognitiveservices.azure.com/" });
        await host.StartAsync();

        var client = host.Services.GetRequiredService<LanguageClient>();

        Assert.Equal(new Uri("https://example.cognitiveservices.azure.com/"), client.Endpoint);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Alerts:Language:Endpoint", "http://example.cognitiveservices.azure.com/")]
    [InlineData("Alerts:Language:ModelVersion", "")]
    [InlineData("Alerts:Language:ApiVersion", "2025-01-01")]
    [InlineData("Alerts:Language:ApiVersion", "")]
    public async Task Bad_settings_stop_the_start(string key, string value)
    {
        using var host = Build(new() { ["Alerts:Language:Endpoint"] = "https://example.cognitiveservices.azure.com/", [key] = value });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
