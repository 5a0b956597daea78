using System.Diagnostics.Metrics;
using Alerts.Language;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Language;

public sealed class FallbackEntityExtractorTests : IAsyncLifetime
{
    private LanguageStandIn _standIn = null!;
    private ServiceProvider _services = null!;
    private readonly StubEmbeddedExtractor _embedded = new();
    private readonly ListLogger<FallbackEntityExtractor> _log = new();

    public async Task InitializeAsync()
    {
        _standIn = await LanguageStandIn.StartAsync();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        await _services.DisposeAsync();
    }

    private readonly LanguageHealth _health = new();

    private FallbackEntityExtractor Extractor() => new(
        new AzureLanguageEntityExtractor(
            _standIn.KeyClient(maxRetries: 2),
            Options.Create(new LanguageOptions { Endpoint = _standIn.Endpoint }),
            new LanguageMetrics(_services.GetRequiredService<IMeterFactory>()),
            NullLogger<AzureLanguageEntityExtractor>.Instance),
        _embedded,
        _log,
        new LanguageMetrics(_services.GetRequiredService<IMeterFactory>()),
        _health,
        _standIn.Endpoint);

    [Theory]
    [InlineData(400, "error-invalid-request.json", "Alerts:Language settings")]
    [InlineData(401, "error-unauthorized.json", "Alerts:Language:Key")]
    [InlineData(403, "error-unauthorized.json", "role")]
    [InlineData(404, "error-not-found.json", "Alerts:Language:Endpoint")]
    public async Task A_configuration_error_is_raised_in_one_line_not_hidden_by_the_fallback(int status, string recording, string advice)
    {
        _standIn.AlwaysFail = new Fault(status, recording);
        var configErrors = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == LanguageMetrics.ConfigErrorsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => configErrors.Add(value));
        listener.Start();

        var error = await Assert.ThrowsAsync<LanguageConfigurationException>(
            () => Extractor().ExtractBatchAsync(["Astana.", "Semey."], "en", CancellationToken.None));

        Assert.Single(_standIn.Requests); // not retried, not repeated per article
        Assert.Equal(0, _embedded.Calls);
        Assert.Equal(status, error.Status);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LanguageStandIn.Key, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, _health.Problem);
        Assert.Equal([1L], configErrors);
    }

    [Fact]
    public async Task Health_clears_once_the_service_works_again()
    {
        _standIn.Faults.Enqueue(new Fault(403, "error-unauthorized.json"));
        await Assert.ThrowsAsync<LanguageConfigurationException>(() => Extractor().ExtractAsync("Astana.", "en", CancellationToken.None));
        Assert.NotNull(_health.Problem);

        var extraction = await Extractor().ExtractAsync("Aid reached Semey.", "en", CancellationToken.None);

        Assert.Equal("azure-language", extraction.Extractor);
        Assert.Null(_health.Problem);
    }

    [Fact]
    public async Task Too_many_requests_after_retries_still_falls_back_and_is_counted()
    {
        _standIn.AlwaysFail = Fault.TooManyRequests("0");
        var fallbacks = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == LanguageMetrics.FallbacksInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => fallbacks.Add(value));
        listener.Start();

        var extractions = await Extractor().ExtractBatchAsync(["Astana.", "Semey."], "en", CancellationToken.None);

        Assert.Equal(["embedded (fallback)", "embedded (fallback)"], extractions.Select(e => e.Extractor));
        Assert.Equal([2L], fallbacks);
        Assert.Null(_health.Problem);
    }

    [Fact]
    public async Task The_service_answering_500_three_times_means_the_embedded_extractor_flagged_as_fallback()
    {
        _standIn.AlwaysFail = Fault.ServerError;

        var extraction = await Extractor().ExtractAsync(Story.KazakhstanFloods, "en", CancellationToken.None);

        Assert.Equal(3, _standIn.Requests.Count); // the first try and two retries
        Assert.Equal("embedded (fallback)", extraction.Extractor);
        Assert.Equal(1, _embedded.Calls);
        Assert.Contains("HTTP 500", Assert.Single(extraction.Warnings), StringComparison.Ordinal);
        var (level, message, exception) = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("fallback", message, StringComparison.Ordinal);
        Assert.NotNull(exception);
    }

    [Fact]
    public async Task A_hanging_service_times_out_and_the_article_is_still_analysed_by_the_embedded_extractor()
    {
        _standIn.Hang = true;
        var options = _standIn.ClientOptions(maxRetries: 1);
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(500);
        var extractor = new FallbackEntityExtractor(
            new AzureLanguageEntityExtractor(
                new Alerts.Language.Rest.LanguageClient(_standIn.Endpoint, new Azure.AzureKeyCredential(LanguageStandIn.Key), options),
                Options.Create(new LanguageOptions { Endpoint = _standIn.Endpoint }),
                new LanguageMetrics(_services.GetRequiredService<IMeterFactory>()),
                NullLogger<AzureLanguageEntityExtractor>.Instance),
            _embedded,
            _log);

        var extraction = await extractor.ExtractAsync(Story.KazakhstanFloods, "en", CancellationToken.None);

        Assert.Equal(2, _standIn.Requests.Count); // the first try and one retry, each cut off by the network timeout
        Assert.Equal("embedded (fallback)", extraction.Extractor);
        Assert.Equal(1, _embedded.Calls);
        Assert.Contains("timed out", Assert.Single(extraction.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_falls_back_as_a_whole_and_keeps_its_order()
    {
        _standIn.AlwaysFail = Fault.ServerError;

        var extractions = await Extractor().ExtractBatchAsync(["Astana.", "Semey."], "en", CancellationToken.None);

        Assert.Equal(["embedded (fallback)", "embedded (fallback)"], extractions.Select(e => e.Extractor));
        Assert.Equal(2, _embedded.Calls);
    }

    [Fact]
    public async Task A_working_service_is_used()
    {
        var extraction = await Extractor().ExtractAsync("Aid reached Semey.", "en", CancellationToken.None);

        Assert.Equal("azure-language", extraction.Extractor);
        Assert.Equal(0, _embedded.Calls);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_reason_to_fall_back()
    {
        _standIn.Hang = true;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Extractor().ExtractAsync("Astana.", "en", cancellation.Token));

        Assert.Equal(0, _embedded.Calls);
    }
}
