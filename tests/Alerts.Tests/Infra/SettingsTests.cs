using Alerts.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Infra;

/// <summary>
/// Every setting the app reads is documented in local.settings.sample.json and set by infra/main.bicep, and neither
/// sets anything the app does not read. Options classes are discovered, so a new one is checked without edits here:
/// adding a setting means adding it to both files (or marking it [NotDeployed] with a reason).
/// </summary>
public class SettingsTests
{
    // Settings of the platform, not of the app, on one side only, each for a reason.
    private static readonly string[] SampleOnly =
    [
        "AzureWebJobsStorage",      // Azurite locally; in Azure the identity-based AzureWebJobsStorage__* below.
        "FUNCTIONS_WORKER_RUNTIME", // Flex Consumption takes the runtime from functionAppConfig and refuses this setting.
    ];

    private static readonly string[] BicepOnly =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",     // Telemetry: locally there is none.
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", // Entra auth to Application Insights.
        "AZURE_CLIENT_ID",                           // DefaultAzureCredential's choice of the user-assigned identity.
    ];

    // An identity-based connection in Azure is the connection's name with these suffixes instead of a connection string.
    private static readonly string[] IdentityConnectionSuffixes = ["__blobServiceUri", "__queueServiceUri", "__tableServiceUri", "__credential", "__clientId"];

    [Fact]
    public void The_options_classes_are_found()
    {
        Assert.Contains(AppSettings.Options, s => s.Name == "Alerts__Analysis__MaxArticleBytes");
        Assert.Contains(AppSettings.Options, s => s.Name == "Alerts__Language__Key" && !s.Deployed);
        Assert.Contains(AppSettings.Options, s => s.Name == "Alerts__Digests__RetrySchedule");
        Assert.DoesNotContain(AppSettings.Options, s => s.Name == "Alerts__Digests__RetryDelays"); // read-only: not a setting
        Assert.Equal([AppSettingNames.StorageConnection, AppSettingNames.DigestSchedule, AppSettingNames.StoryPruneSchedule], AppSettings.Named.Order());
    }

    [Fact]
    public void Every_options_setting_is_in_the_sample()
    {
        var missing = AppSettings.Options.Where(s => s.Deployed && !AppSettings.Sample.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        Assert.True(missing.Count == 0, "local.settings.sample.json lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_deployed_options_setting_is_in_the_bicep_app_settings()
    {
        var bicep = AppSettings.Bicep;
        var missing = AppSettings.Options.Where(s => s.Deployed && !bicep.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        Assert.True(missing.Count == 0, "infra/main.bicep appSettings lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Bicep_sets_no_local_only_setting()
    {
        var bicep = AppSettings.Bicep;
        var local = AppSettings.Options.Where(s => !s.Deployed).ToList();
        Assert.NotEmpty(local);
        foreach (var setting in local)
        {
            Assert.False(bicep.ContainsKey(setting.Name), $"{setting.Name} is [NotDeployed] ({setting.NotDeployedReason}) but infra/main.bicep sets it.");
        }
    }

    [Fact]
    public void The_settings_outside_options_are_in_both()
    {
        var bicep = AppSettings.Bicep;
        foreach (var name in AppSettings.Named)
        {
            Assert.True(AppSettings.Sample.ContainsKey(name), $"local.settings.sample.json lacks {name}.");
            Assert.True(bicep.ContainsKey(name) || bicep.Keys.Any(k => k.StartsWith(name + "__", StringComparison.Ordinal)),
                $"infra/main.bicep appSettings lacks {name}.");
        }
        // The storage connection is identity-based in Azure: every part the app and the host read is there.
        foreach (var suffix in IdentityConnectionSuffixes)
        {
            Assert.True(bicep.ContainsKey(AppSettingNames.StorageConnection + suffix), $"infra/main.bicep lacks {AppSettingNames.StorageConnection}{suffix}.");
        }
    }

    [Fact]
    public void The_sample_sets_only_what_the_app_reads()
    {
        var known = AppSettings.Options.Select(s => s.Name).Concat(AppSettings.Named).Concat(SampleOnly).ToHashSet(StringComparer.Ordinal);
        var unknown = AppSettings.Sample.Keys.Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "local.settings.sample.json sets settings nothing reads: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Bicep_sets_only_what_the_app_or_the_platform_reads()
    {
        var known = AppSettings.Options.Where(s => s.Deployed).Select(s => s.Name)
            .Concat(AppSettings.Named)
            .Concat(IdentityConnectionSuffixes.Select(suffix => AppSettingNames.StorageConnection + suffix))
            .Concat(BicepOnly)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = AppSettings.Bicep.Keys.Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "infra/main.bicep sets settings nothing reads: " + string.Join(", ", unknown));
        Assert.DoesNotContain(AppSettings.Bicep.Keys, SampleOnly.Contains);
    }

    [Fact]
    public void The_sample_values_bind_and_pass_the_apps_validation() =>
        BindAndValidate(AppSettings.Sample);

    [Fact]
    public void The_literal_bicep_values_bind_and_pass_the_apps_validation() =>
        // A value computed at deployment (an ARM expression) stands in with an https URL for a Uri, else the sample's value.
        BindAndValidate(AppSettings.Bicep
            .Select(p => (p.Key, Value: p.Value?.ToString() is { } v && !v.StartsWith('[') ? v : StandIn(p.Key)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value));

    private static string? StandIn(string setting) =>
        AppSettings.Options.FirstOrDefault(s => s.Name == setting)?.Property?.PropertyType == typeof(Uri)
            ? "https://deployed.example/"
            : AppSettings.Sample.GetValueOrDefault(setting);

    // The app's own registrations (as Program.cs makes them) read the values; reading each options value runs its validation.
    private static void BindAndValidate(IReadOnlyDictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAlertsAnalysis(configuration).AddAlertsStorage(configuration).AddAlertsDelivery(configuration).AddAlertsChannels(configuration).AddAlertsAcsEmail();
        using var provider = services.BuildServiceProvider();
        Assert.NotEmpty(AppSettings.OptionsTypes);
        foreach (var type in AppSettings.OptionsTypes)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            var exception = Record.Exception(() => options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options));
            Assert.True(exception is null, $"{type.Name}: {exception?.InnerException?.Message ?? exception?.Message}");
        }
    }
}
