namespace Alerts.IntegrationTests.Faults;

/// <summary>Tests that start an Azurite of their own run one at a time: each is a Node process, and 2 cores have room for few.</summary>
[CollectionDefinition(Name)]
public sealed class OwnAzuriteGroup
{
    public const string Name = "Own Azurite";
}
