using Alerts.Telemetry;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Alerts.Tests.Telemetry;

/// <summary>Which Entra identity sends telemetry to Application Insights (its local auth is off), from the deployed settings.</summary>
public sealed class TelemetrySettingsTests
{
    private const string ClientId = "2f1c8a4e-9b7d-4c3a-8e6f-1a2b3c4d5e6f";
    private const string ConnectionString = "InstrumentationKey=6b0e9d5c-1f2a-4b3c-9d8e-7f6a5b4c3d2e;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";

    private static TelemetrySettings From(params (string Key, string Value)[] values) =>
        TelemetrySettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void The_deployed_authentication_string_picks_the_user_assigned_identity()
    {
        var settings = From(("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString), ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", $"Authorization=AAD;ClientId={ClientId}"));

        Assert.Empty(settings.Validate());
        Assert.IsType<ManagedIdentityCredential>(settings.CreateCredential());
    }

    [Fact]
    public void Without_an_authentication_string_a_developer_sends_as_their_own_sign_in()
    {
        var settings = From(("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString));

        Assert.Empty(settings.Validate());
        Assert.IsType<DefaultAzureCredential>(settings.CreateCredential());
    }

    [Fact]
    public void Nothing_set_is_valid_and_exports_nowhere()
    {
        var settings = From();

        Assert.Empty(settings.Validate());
        Assert.Null(settings.ConnectionString);
        Assert.Null(settings.OtlpEndpoint);
        Assert.False(settings.Console);
    }

    [Fact]
    public void An_authentication_string_without_a_connection_string_is_an_error()
    {
        var errors = From(("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD")).Validate();

        Assert.Contains(errors, e => e.Contains("without APPLICATIONINSIGHTS_CONNECTION_STRING", StringComparison.Ordinal));
    }
}
