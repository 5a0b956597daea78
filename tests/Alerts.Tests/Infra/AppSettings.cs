using System.Reflection;
using System.Text.Json.Nodes;
using Alerts.Configuration;

namespace Alerts.Tests.Infra;

/// <summary>One setting the app reads: its app-setting name and whether it may be set in Azure.</summary>
internal sealed record AppSetting(string Name, PropertyInfo? Property, string? NotDeployedReason)
{
    public bool Deployed => NotDeployedReason is null;
}

/// <summary>
/// The settings the app reads, found by reflection so new options classes are covered without editing the tests,
/// and the two places that set them: local.settings.sample.json and the app settings in infra/main.bicep.
/// </summary>
internal static class AppSettings
{
    /// <summary>
    /// Every options property: each options type of Alerts.Core, Alerts.Azure and Alerts.Channels with a public <c>const string SectionName</c>, each public
    /// settable property (nested option objects walked), named as an app setting (<c>Alerts__Analysis__MaxArticleBytes</c>).
    /// </summary>
    public static IReadOnlyList<AppSetting> Options { get; } =
    [
        .. OptionsTypes
            .SelectMany(t => Walk(t, SectionName(t).Replace(":", "__", StringComparison.Ordinal), null))
            .OrderBy(s => s.Name, StringComparer.Ordinal),
    ];

    /// <summary>The options classes: every type of Alerts.Core, Alerts.Azure and Alerts.Channels with a public <c>const string SectionName</c>.</summary>
    public static IReadOnlyList<Type> OptionsTypes =>
        [.. new[] { typeof(AppSettingNames).Assembly, typeof(global::Alerts.Language.LanguageOptions).Assembly, typeof(global::Alerts.Channels.Email.EmailOptions).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => SectionNameField(t) is not null)];

    private static FieldInfo? SectionNameField(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string) ? field : null;

    private static string SectionName(Type type) => (string)SectionNameField(type)!.GetRawConstantValue()!;

    /// <summary>The settings that no options class binds (<see cref="AppSettingNames"/>).</summary>
    public static IReadOnlyList<string> Named { get; } =
    [
        .. typeof(AppSettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    /// <summary>The <c>Values</c> of local.settings.sample.json.</summary>
    public static IReadOnlyDictionary<string, string?> Sample { get; } =
        JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("local.settings.sample.json")))!["Values"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal);

    /// <summary>The app settings main.bicep gives the function app (the values are ARM expressions or literals).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Bicep =>
        ArmTemplate.ModuleParameter("settings", "settings")!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static IEnumerable<AppSetting> Walk(Type type, string prefix, string? notDeployed)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var name = $"{prefix}__{property.Name}";
            var reason = notDeployed ?? property.GetCustomAttribute<NotDeployedAttribute>()?.Reason;
            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(valueType))
            {
                yield return new AppSetting(name, property, reason);
            }
            else if (valueType.IsAssignableTo(typeof(System.Collections.IEnumerable)))
            {
                // Collections bind from Name__0, Name__1…: decide here how the tests should see them.
                throw new NotSupportedException($"{type.Name}.{property.Name} is a collection; the settings tests do not know how it is deployed yet.");
            }
            else
            {
                foreach (var nested in Walk(valueType, name, reason))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid)
        || type == typeof(TimeOnly);
}
