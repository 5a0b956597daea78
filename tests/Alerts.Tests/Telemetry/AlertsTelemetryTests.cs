using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Storage;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Tests.Telemetry;

/// <summary>An upload leaves an "analyse" span on the Alerts source and counts on the Alerts meter under the names the alert rules query.</summary>
public sealed class AlertsTelemetryTests
{
    private readonly Mock<IAnalysisStore> _store = new();

    public AlertsTelemetryTests()
    {
        _store.Setup(s => s.GetAnalysisAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);
        _store.Setup(s => s.TryAddAnalysisAsync(It.IsAny<ArticleAnalysis>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _store.Setup(s => s.AddMatchesAsync(It.IsAny<ArticleAnalysis>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ArticleAnalysis a, CancellationToken _) => a.Matches);
    }

    private ArticleProcessor Processor(int maxBytes = 1 << 20) => new(
        new ArticleAnalyzer(new EmbeddedEntityExtractor(), new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System),
        _store.Object, new Mock<INewMatchesNotifier>().Object,
        Options.Create(new AnalysisOptions { MaxArticleBytes = maxBytes }),
        TimeProvider.System, NullLogger<ArticleProcessor>.Instance);

    [Fact]
    public async Task An_analysed_upload_is_one_span_and_one_count_and_a_refused_one_is_counted_by_reason()
    {
        var name = $"telemetry-{Guid.NewGuid():N}.txt";
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AlertsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        var measured = new ConcurrentQueue<(string Instrument, string? Tag)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AlertsTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            measured.Enqueue((instrument.Name, tags.Length > 0 ? tags[0].Value?.ToString() : null)));
        meters.Start();

        await Processor().ProcessAsync(name, new MemoryStream(Encoding.UTF8.GetBytes("Floods in Astana\n\nRivers rose in Astana on Monday.")), CancellationToken.None);
        await Processor(maxBytes: 10).ProcessAsync("too-big-" + name, new MemoryStream(new byte[100]), CancellationToken.None);

        var analysed = Assert.Single(spans, s => s.OperationName == "analyse" && (string?)s.GetTagItem("alerts.upload") == name);
        Assert.Equal(ActivityStatusCode.Unset, analysed.Status);
        var refused = Assert.Single(spans, s => s.OperationName == "analyse" && (string?)s.GetTagItem("alerts.upload") == "too-big-" + name);
        Assert.Equal(ActivityStatusCode.Error, refused.Status);
        Assert.Contains(measured, m => m == (AlertsTelemetry.ArticlesAnalysed, "analysed"));
        Assert.Contains(measured, m => m == (AlertsTelemetry.ArticlesRefused, ArticleParseReasons.TooLarge));
    }
}
