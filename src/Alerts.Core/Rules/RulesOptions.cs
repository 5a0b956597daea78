namespace Alerts.Rules;

/// <summary>Where watch rules come from. Settings: <c>Alerts__Rules__*</c>.</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Alerts:Rules";

    /// <summary>A folder of extra <c>*.json</c> rule files, added to the built-in rules. Empty for none.</summary>
    public string? Path { get; set; }

    /// <summary>Whether the built-in rules (the repo's <c>rules/</c> folder, embedded at build) apply.</summary>
    public bool IncludeBuiltin { get; set; } = true;
}
