using System.Diagnostics.Metrics;

namespace Alerts.Language;

/// <summary>The meter <c>Alerts.Language</c>: what Azure AI Language costs.</summary>
public sealed class LanguageMetrics
{
    public const string MeterName = "Alerts.Language";
    public const string TextRecordsInstrument = "alerts.language.text_records";

    private readonly Counter<long> _textRecords;

    public LanguageMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _textRecords = Meter.CreateCounter<long>(TextRecordsInstrument, unit: "{record}",
            description: "Billable text records (1,000 characters per document) sent to Azure AI Language entity recognition.");
    }

    public Meter Meter { get; }

    public void AddTextRecords(int records, string language) =>
        _textRecords.Add(records, new KeyValuePair<string, object?>("language", language));
}
