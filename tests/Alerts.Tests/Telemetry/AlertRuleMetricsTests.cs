using System.Text.RegularExpressions;
using Alerts.Language;
using Alerts.Telemetry;

namespace Alerts.Tests.Telemetry;

/// <summary>
/// The Azure Monitor alert rules read metrics the app really emits, as Application Insights stores them: an OpenTelemetry
/// counter exported by the Azure Monitor exporter is a <c>customMetrics</c> row named after the instrument, with the
/// period's sum in <c>valueSum</c> and its tags in <c>customDimensions</c>.
/// </summary>
public sealed partial class AlertRuleMetricsTests
{
    private static readonly string Rules = File.ReadAllText(RepoPaths.Combine("infra", "modules", "alertrules.bicep"));

    private static readonly string[] Instruments =
    [
        AlertsTelemetry.ArticlesAnalysed, AlertsTelemetry.ArticlesRefused, AlertsTelemetry.PoisonMessages,
        AlertsTelemetry.DigestsFailed, AlertsTelemetry.DeliveryAttempts,
        LanguageMetrics.TextRecordsInstrument, LanguageMetrics.FallbacksInstrument, LanguageMetrics.ConfigErrorsInstrument,
    ];

    [Fact]
    public void Every_metric_an_alert_rule_reads_is_an_instrument_the_app_emits()
    {
        var metrics = MetricNames().Matches(Rules).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(5, metrics.Count);
        Assert.All(metrics, m => Assert.Contains(m, Instruments));
        Assert.Contains(AlertsTelemetry.PoisonMessages, metrics);
        Assert.Contains(LanguageMetrics.ConfigErrorsInstrument, metrics);
    }

    [Fact]
    public void The_rule_query_reads_the_metric_by_name_and_sums_it()
    {
        Assert.Contains("query: 'customMetrics | where name == \\'${rule.metric}\\' | extend Total = valueSum'", Rules, StringComparison.Ordinal);
        Assert.Contains("metricMeasureColumn: 'Total'", Rules, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"metric: '([a-z0-9_.]+)'")]
    private static partial Regex MetricNames();
}
