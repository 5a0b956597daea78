namespace Alerts.Configuration;

/// <summary>
/// Marks an options property that is for local use only and must never be set in Azure
/// (a key where the deployment uses managed identity, a development switch). The settings test
/// skips it when it checks the Bicep app settings, and checks that Bicep does not set it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class NotDeployedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
