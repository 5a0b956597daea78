using System.Diagnostics.Metrics;
using Alerts.Entities;
using Alerts.Language;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Language;

public sealed class AzureLanguageEntityExtractorTests : IAsyncLifetime
{
    private LanguageStandIn _standIn = null!;
    private ServiceProvider _services = null!;
    private LanguageMetrics _metrics = null!;

    public async Task InitializeAsync()
    {
        _standIn = await LanguageStandIn.StartAsync();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _metrics = new LanguageMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        await _services.DisposeAsync();
    }

    private AzureLanguageEntityExtractor Extractor() => new(
        _standIn.KeyClient(),
        Options.Create(new LanguageOptions { Endpoint = _standIn.Endpoint, ModelVersion = "latest" }),
        _metrics,
        NullLogger<AzureLanguageEntityExtractor>.Instance);

    [Fact]
    public async Task The_5144_character_story_goes_as_two_documents_and_every_offset_points_into_the_body()
    {
        var body = Story.KazakhstanFloods;
        var recorded = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && instrument.Name == LanguageMetrics.TextRecordsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => recorded.Add(value));
        listener.Start();

        var extraction = await Extractor().ExtractAsync(body, "en", CancellationToken.None);

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal(2, request.Documents.Count);
        Assert.Contains("\"loggingOptOut\":true", request.Body, StringComparison.Ordinal); // the privacy default
        Assert.All(request.Documents, d => Assert.InRange(d.Text.Length, 1, 5120));
        Assert.Equal("azure-language", extraction.Extractor);
        Assert.Empty(extraction.Warnings);
        Assert.All(extraction.Entities, e => Assert.Equal(e.Text, body.Substring(e.Offset, e.Length)));
        var secondStarts = body.IndexOf(request.Documents[1].Text, StringComparison.Ordinal);
        Assert.Contains(extraction.Entities, e => e.Text == "Atyrau" && e.Offset > secondStarts);
        Assert.Contains(extraction.Entities, e => e.Text == "Kassym-Jomart Tokayev" && e.Category == EntityCategory.Person);
        Assert.Equal(6, extraction.TextRecords);
        Assert.Equal([6L], recorded);
    }

    [Fact]
    public async Task Twelve_documents_go_in_three_requests_and_come_back_to_their_articles()
    {
        string[] places = ["Astana", "Kostanay", "Akmola", "Aktobe", "Petropavlovsk", "Semey", "Orsk", "Uralsk", "Atyrau", "Kurgan", "Orenburg", "Zhambyl"];
        var texts = places.Select(p => $"Water reached {p} on Tuesday.").ToArray();

        var extractions = await Extractor().ExtractBatchAsync(texts, "en", CancellationToken.None);

        Assert.Equal([5, 5, 2], _standIn.Requests.Select(r => r.Documents.Count));
        for (var i = 0; i < places.Length; i++)
        {
            Assert.Contains(extractions[i].Entities, e => e.Text == places[i] && e.Offset == 14);
            Assert.All(extractions[i].Entities, e => Assert.Equal(e.Text, texts[i].Substring(e.Offset, e.Length)));
            Assert.Equal(1, extractions[i].TextRecords);
        }
    }

    [Fact]
    public async Task Articles_and_their_pieces_share_requests()
    {
        // The story (2 documents) and four short articles: 6 documents, so 2 requests, not 5.
        string[] texts = [Story.KazakhstanFloods, "Aid reached Semey.", "Putin called Tokayev.", "UNICEF sent kits.", "Iran imports wheat."];

        var extractions = await Extractor().ExtractBatchAsync(texts, "en", CancellationToken.None);

        Assert.Equal([5, 1], _standIn.Requests.Select(r => r.Documents.Count));
        Assert.Equal([6, 1, 1, 1, 1], extractions.Select(e => e.TextRecords));
        Assert.Equal("UNICEF", Assert.Single(extractions[3].Entities).Text);
    }

    [Fact]
    public async Task A_rejected_document_fails_its_article_only()
    {
        _standIn.RejectDocumentsContaining = "Lorem";
        string[] texts = ["Aid reached Semey.", "Lorem ipsum Astana.", "Rescuers reached Orsk."];

        var extractions = await Extractor().ExtractBatchAsync(texts, "en", CancellationToken.None);

        Assert.Single(_standIn.Requests);
        Assert.Equal("Semey", Assert.Single(extractions[0].Entities).Text);
        Assert.Empty(extractions[1].Entities);
        Assert.Equal(0, extractions[1].TextRecords);
        Assert.Contains("InvalidDocument", Assert.Single(extractions[1].Warnings), StringComparison.Ordinal);
        Assert.Equal("Orsk", Assert.Single(extractions[2].Entities).Text);
        Assert.Empty(extractions[2].Warnings);
    }

    [Fact]
    public async Task Emoji_and_complex_scripts_are_sent_within_the_limit_the_stand_in_counts_in_the_unit_sent_and_offsets_index_the_body()
    {
        // Devanagari, Thai and Arabic words, ZWJ emoji and combining marks between the known names: UTF-16 counts
        // more than text elements here, and the offsets come back in UTF-16 code units.
        var sentence = "\u0917\u093E\u0901\u0935 \U0001F468\u200D\U0001F469\u200D\U0001F467 Water reached Semey. "
            + "\u0E19\u0E49\u0E33\u0E17\u0E48\u0E27\u0E21 Cafe\u0301 \u0627\u0644\u0645\u064E\u0627\u0621\u064F Tokayev spoke in Astana. ";
        var body = string.Concat(Enumerable.Repeat(sentence, 12_000 / sentence.Length));

        var extraction = await Extractor().ExtractAsync(body, "en", CancellationToken.None);

        Assert.Empty(extraction.Warnings);
        var documents = _standIn.Requests.SelectMany(r => r.Documents).ToList();
        Assert.Equal(3, documents.Count);
        Assert.All(documents, d => Assert.InRange(d.Text.Length, 1, 5120));
        Assert.Contains("\"stringIndexType\":\"Utf16CodeUnit\"", _standIn.Requests.First().Body, StringComparison.Ordinal);
        Assert.All(extraction.Entities, e => Assert.Equal(e.Text, body.Substring(e.Offset, e.Length)));
        var expected = 3 * (12_000 / sentence.Length);
        Assert.Equal(expected, extraction.Entities.Count(e => e.Text is "Semey" or "Astana" or "Tokayev"));
    }

    [Fact]
    public async Task A_piece_the_service_still_refuses_as_too_long_is_cut_again_and_sent_never_dropped()
    {
        // A service that counts more strictly than the client: the client's pieces of up to 5,120 are too long for it.
        _standIn.MaxDocumentLength = 2_000;
        var body = Story.KazakhstanFloods;

        var extraction = await Extractor().ExtractAsync(body, "en", CancellationToken.None);

        Assert.Empty(extraction.Warnings);
        // Every word of the story went out in a document the stand-in accepted: nothing dropped, nothing twice.
        var accepted = _standIn.Requests.SelectMany(r => r.Documents).Where(d => d.Text.Length <= 2_000).Select(d => d.Text);
        Assert.Equal(Words([body]).Order(), Words(accepted).Order());
        Assert.True(_standIn.Requests.Count > 1);
        Assert.All(extraction.Entities, e => Assert.Equal(e.Text, body.Substring(e.Offset, e.Length)));
        var whole = await WholeStoryEntitiesAsync(body);
        Assert.Equal(whole, extraction.Entities.Select(e => (e.Text, e.Offset)).Distinct().Order().ToList());
    }

    [Fact]
    public async Task A_request_refused_as_too_large_is_sent_again_piece_by_piece()
    {
        _standIn.Faults.Enqueue(new Fault(400, "error-too-many-documents.json"));
        string[] texts = ["Aid reached Semey.", "Putin called Tokayev.", "Rescuers reached Orsk."];

        var extractions = await Extractor().ExtractBatchAsync(texts, "en", CancellationToken.None);

        Assert.Equal([400, 200, 200, 200], _standIn.Requests.Select(r => r.Status));
        Assert.All(_standIn.Requests.Skip(1), r => Assert.Single(r.Documents));
        Assert.Equal("Semey", Assert.Single(extractions[0].Entities).Text);
        Assert.Equal("Orsk", Assert.Single(extractions[2].Entities).Text);
        Assert.All(extractions, e => Assert.Empty(e.Warnings));
    }

    [Fact]
    public async Task A_document_refused_for_another_reason_is_not_cut_again()
    {
        _standIn.RejectDocumentsContaining = "Lorem";

        var extraction = await Extractor().ExtractAsync("Lorem ipsum Astana. " + Story.KazakhstanFloods, "en", CancellationToken.None);

        Assert.Single(_standIn.Requests);
        Assert.Contains("InvalidDocument", Assert.Single(extraction.Warnings), StringComparison.Ordinal);
    }

    private async Task<List<(string Text, int Offset)>> WholeStoryEntitiesAsync(string body)
    {
        await using var strict = await LanguageStandIn.StartAsync();
        var extractor = new AzureLanguageEntityExtractor(strict.KeyClient(),
            Options.Create(new LanguageOptions { Endpoint = strict.Endpoint }), _metrics, NullLogger<AzureLanguageEntityExtractor>.Instance);
        var extraction = await extractor.ExtractAsync(body, "en", CancellationToken.None);
        return [.. extraction.Entities.Select(e => (e.Text, e.Offset)).Distinct().Order()];
    }

    private static string[] Words(IEnumerable<string> texts) =>
        [.. texts.SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))];

    [Fact]
    public async Task An_unsupported_language_is_a_warning_not_an_exception()
    {
        var extraction = await Extractor().ExtractAsync("Astana.", "xx", CancellationToken.None);

        Assert.Empty(extraction.Entities);
        Assert.Contains("UnsupportedLanguageCode", Assert.Single(extraction.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_language_means_the_default_language()
    {
        await Extractor().ExtractAsync("Astana.", "", CancellationToken.None);

        Assert.Equal("en", Assert.Single(Assert.Single(_standIn.Requests).Documents).Language);
    }

    [Fact]
    public async Task A_span_the_service_returns_with_two_types_keeps_both_and_places_keep_their_subcategory()
    {
        const string body = "Officials in the Kremlin spoke to the World Health Organization about Kostanay.";

        var extraction = await Extractor().ExtractAsync(body, "en", CancellationToken.None);

        Assert.Contains(extraction.Entities, e => e is { Text: "Kremlin", Category: EntityCategory.Organization });
        Assert.Contains(extraction.Entities, e => e is { Text: "Kremlin", Category: EntityCategory.Location, Subcategory: EntityCategory.Subcategories.Structural });
        Assert.Contains(extraction.Entities, e => e is { Text: "World Health Organization", Subcategory: EntityCategory.Subcategories.Medical });
        Assert.Contains(extraction.Entities, e => e is { Text: "Kostanay", Category: EntityCategory.Location, Subcategory: EntityCategory.Subcategories.GPE });
    }
}
