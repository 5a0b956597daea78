using System.Text.Json.Serialization;

namespace Alerts.Rules;

/// <summary>How urgent a rule's matches are; digests list the most severe first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
