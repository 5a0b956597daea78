using System.Diagnostics;
using Alerts.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Alerts.Tests.Telemetry;

/// <summary>
/// The hosts' registration scrubs what a receiver or a library may put in a log or a span (an address in an SMTP
/// refusal, a webhook URL in a connection error, an exception's message) before any exporter sees it.
/// </summary>
public sealed class TelemetryRedactionTests
{
    private const string Address = "desk.editor+alerts@example.org";
    private const string HookUrl = "https://hooks.example.net/services/T0/B0/SECRETTOKEN?sig=SECRET";

    [Fact]
    public void Addresses_urls_and_exception_messages_never_reach_an_exporter()
    {
        var spans = new List<Activity>();
        var logs = new List<LogRecord>();
        var services = new ServiceCollection().AddLogging();
        services.AddAlertsTelemetry(new ConfigurationBuilder().Build(), "alerts-test")
            .WithTracing(t => t.AddInMemoryExporter(spans))
            .WithLogging(l => l.AddInMemoryExporter(logs));
        using var provider = services.BuildServiceProvider();
        provider.StartAlertsTelemetry();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Alerts.Delivery.Test");
        var marker = Guid.NewGuid().ToString("N");

        using (var activity = AlertsTelemetry.Source.StartActivity("deliver"))
        {
            activity?.SetTag("alerts.marker", marker);
            activity?.SetTag("alerts.error", $"550 5.1.1 <{Address}>: recipient rejected");
            activity?.SetTag("alerts.target", HookUrl);
            activity?.SetStatus(ActivityStatusCode.Error, $"Connection failed ({HookUrl})");
#pragma warning disable CA1848, CA2254 // a library's plain log call, as it would make one
            logger.LogWarning(new InvalidOperationException($"SMTP refused {Address}"), $"Digest {marker} to {Address} failed: {{Error}}", $"POST {HookUrl} timed out");
#pragma warning restore CA1848, CA2254
        }
        provider.GetRequiredService<TracerProvider>().ForceFlush();
        provider.GetRequiredService<LoggerProvider>().ForceFlush();

        var span = Assert.Single(spans.ToList(), s => Equals(s.GetTagItem("alerts.marker"), marker));
        var log = Assert.Single(logs, l => l.FormattedMessage?.Contains(marker, StringComparison.Ordinal) == true);
        var exported = span.TagObjects.Select(t => t.Value?.ToString()).Append(span.StatusDescription)
            .Concat((log.Attributes ?? []).Select(a => a.Value?.ToString())).Append(log.FormattedMessage).Append(log.Exception?.Message)
            .OfType<string>().ToList();
        foreach (var secret in new[] { Address, "hooks.example.net", "SECRET", "SMTP refused" })
        {
            Assert.DoesNotContain(exported, v => v.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
        Assert.Contains(TelemetryRedaction.EmailMark, log.FormattedMessage, StringComparison.Ordinal);
        Assert.Contains(TelemetryRedaction.UrlMark, (string?)span.GetTagItem("alerts.target"), StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), log.Exception?.Message, StringComparison.Ordinal);
        Assert.Equal("550 5.1.1 <[email]>: recipient rejected", span.GetTagItem("alerts.error"));
    }

    [Theory]
    [InlineData("Digest 3f2a sent to subscription sub_9x by webhook: 2 articles")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("Article reports/2031/floods.txt: analysed")]
    public void Text_without_an_address_or_a_url_is_left_as_it_is(string text) =>
        Assert.Same(text, TelemetryRedaction.Redact(text));
}
