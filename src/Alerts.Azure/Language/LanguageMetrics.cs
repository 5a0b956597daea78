using System.Diagnostics.Metrics;

namespace Alerts.Language;

/// <summary>The meter <c>Alerts.Language</c>: what Azure AI Language costs, how often it fails over and why.</summary>
public sealed class LanguageMetrics
{
    public const string MeterName = "Alerts.Language";
    public const string TextRecordsInstrument = "alerts.language.text_records";

    public const string FallbacksInstrument = "alerts.language.fallbacks";
    public const string ConfigErrorsInstrument = "alerts.language.config_errors";

    private readonly Counter<long> _textRecords;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _configErrors;

    public LanguageMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _textRecords = Meter.CreateCounter<long>(TextRecordsInstrument, unit: "{record}",
            description: "Billable text records (1,000 characters per document) sent to Azure AI Language entity recognition.");
        _fallbacks = Meter.CreateCounter<long>(FallbacksInstrument, unit: "{article}",
            description: "Articles whose entities came from the embedded extractor because Azure AI Language failed (429, 5xx, timeout).");
        _configErrors = Meter.CreateCounter<long>(ConfigErrorsInstrument, unit: "{request}",
            description: "Requests Azure AI Language refused for a configuration reason (400, 401, 403, 404).");
    }

    public Meter Meter { get; }

    public void AddFallbacks(int articles, string reason) =>
        _fallbacks.Add(articles, new KeyValuePair<string, object?>("reason", reason));

    public void AddConfigError(int status) =>
        _configErrors.Add(1, new KeyValuePair<string, object?>("status", status));

    public void AddTextRecords(int records, string language) =>
        _textRecords.Add(records, new KeyValuePair<string, object?>("language", language));
}
