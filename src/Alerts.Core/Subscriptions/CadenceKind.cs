using System.Text.Json.Serialization;

namespace Alerts.Subscriptions;

[JsonConverter(typeof(JsonStringEnumConverter<CadenceKind>))]
public enum CadenceKind
{
    /// <summary>Each new matching article as soon as it is analysed.</summary>
    Immediate,

    /// <summary>One digest at the top of every hour.</summary>
    Hourly,

    /// <summary>One digest a day at a local time in the subscriber's time zone.</summary>
    Daily,
}
