using System.Diagnostics;
using System.Diagnostics.Tracing;
using Alerts.Language.Rest;
using Azure;
using Azure.Core.Diagnostics;

namespace Alerts.Tests.Language;

public sealed class LanguageClientTests : IAsyncLifetime
{
    private LanguageStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await LanguageStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private static LanguageDocumentInput Doc(string id, string text, string language = "en") => new(id, text) { Language = language };

    [Fact]
    public async Task Sends_the_documented_request_with_the_key_and_parses_entities()
    {
        const string text = "President Kassym-Jomart Tokayev declared an emergency in Kostanay and Astana.";
        var client = _standIn.KeyClient();

        var response = await client.RecognizeEntitiesBatchAsync([Doc("a", text)], new RecognizeEntitiesOptions { ModelVersion = "latest" });

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal(200, request.Status);
        Assert.Equal("/language/:analyze-text", request.Path);
        Assert.Equal(LanguageStandIn.ApiVersion, request.ApiVersion);
        Assert.Equal(LanguageStandIn.Key, request.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.True(Guid.TryParse(request.Headers["x-ms-client-request-id"], out _));
        Assert.Contains("\"modelVersion\":\"latest\"", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("loggingOptOut", request.Body, StringComparison.Ordinal); // not asked: the service's default

        Assert.Equal("2021-06-01", response.Value.ModelVersion);
        var result = Assert.Single(response.Value);
        Assert.False(result.HasError);
        Assert.Equal(["Kassym-Jomart Tokayev", "Kostanay", "Astana"], result.Entities.Select(e => e.Text));
        Assert.All(result.Entities, e => Assert.Equal(e.Text, text.Substring(e.Offset, e.Length)));
        Assert.Equal("Person", result.Entities[0].Category);
        Assert.Equal("GPE", result.Entities[1].SubCategory);
    }

    [Fact]
    public async Task Reads_the_2024_11_01_shape_type_and_tags_into_category_and_subcategory()
    {
        const string text = "The World Health Organization sent doctors from Kazakhstan to Kostanay; the Kremlin was silent.";

        var response = await _standIn.KeyClient().RecognizeEntitiesBatchAsync([Doc("a", text)]);

        var entities = Assert.Single(response.Value).Entities;
        var who = Assert.Single(entities, e => e.Text == "World Health Organization");
        Assert.Equal(("Organization", "Medical", "OrganizationMedical"), (who.Category, who.SubCategory, who.Type));
        var country = Assert.Single(entities, e => e.Text == "Kazakhstan");
        Assert.Equal(("Location", "GPE", "CountryRegion"), (country.Category, country.SubCategory, country.Type));
        Assert.Equal(["Location", "GPE", "CountryRegion"], country.Tags);
        var city = Assert.Single(entities, e => e.Text == "Kostanay");
        Assert.Equal(("Location", "GPE", "City"), (city.Category, city.SubCategory, city.Type));
        // The same span with two types comes twice; both are kept.
        var kremlin = entities.Where(e => e.Text == "Kremlin").ToList();
        Assert.Equal(2, kremlin.Count);
        Assert.Equal(kremlin[0].Offset, kremlin[1].Offset);
        Assert.Contains(kremlin, e => e is { Category: "Organization", SubCategory: null });
        Assert.Contains(kremlin, e => e is { Category: "Location", SubCategory: "Structural" });
    }

    [Theory]
    [InlineData("/lang")]
    [InlineData("/gw/language-api")]
    public async Task An_endpoint_with_a_path_is_called_with_that_path_once(string basePath)
    {
        await using var proxied = await LanguageStandIn.StartAsync(basePath: basePath);

        var response = await proxied.KeyClient().RecognizeEntitiesBatchAsync([Doc("1", "Floods hit Petropavlovsk.")]);

        var request = Assert.Single(proxied.Requests);
        Assert.Equal(basePath + "/language/:analyze-text", request.Path);
        Assert.Equal(200, request.Status);
        Assert.Equal("Petropavlovsk", Assert.Single(response.Value[0].Entities).Text);
    }

    [Fact]
    public async Task A_token_credential_sends_a_bearer_token_for_the_cognitive_services_scope()
    {
        await using var https = await LanguageStandIn.StartAsync(https: true);
        var credential = new FakeTokenCredential(LanguageStandIn.Token);
        var client = new LanguageClient(https.Endpoint, credential, https.ClientOptions());

        var response = await client.RecognizeEntitiesBatchAsync([Doc("1", "Floods hit Petropavlovsk.")]);

        Assert.Equal("Petropavlovsk", Assert.Single(response.Value[0].Entities).Text);
        var request = Assert.Single(https.Requests);
        Assert.Equal("Bearer " + LanguageStandIn.Token, request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("Ocp-Apim-Subscription-Key"));
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], Assert.Single(credential.Requests));
    }

    [Fact]
    public async Task A_wrong_key_is_a_request_failure()
    {
        var client = new LanguageClient(_standIn.Endpoint, new AzureKeyCredential("wrong"), _standIn.ClientOptions());

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.RecognizeEntitiesBatchAsync([Doc("1", "Astana.")]));

        Assert.Equal(401, failure.Status);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_delay_with_the_same_client_request_id()
    {
        _standIn.Faults.Enqueue(Fault.TooManyRequests(retryAfter: "1"));
        var client = _standIn.KeyClient();
        var clock = Stopwatch.StartNew();

        var response = await client.RecognizeEntitiesBatchAsync([Doc("1", "Rescuers reached Kostanay.")]);

        clock.Stop();
        Assert.Equal("Kostanay", Assert.Single(response.Value[0].Entities).Text);
        var requests = _standIn.Requests.ToArray();
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.Equal(requests[0].Headers["x-ms-client-request-id"], requests[1].Headers["x-ms-client-request-id"]);
    }

    [Fact]
    public async Task A_server_error_that_persists_throws_RequestFailedException_after_the_retries()
    {
        _standIn.AlwaysFail = Fault.ServerError;
        var client = _standIn.KeyClient(maxRetries: 2);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.RecognizeEntitiesBatchAsync([Doc("1", "Astana.")]));

        Assert.Equal(500, failure.Status);
        Assert.Equal("InternalServerError", failure.ErrorCode);
        Assert.Equal(3, _standIn.Requests.Count);
    }

    [Fact]
    public async Task A_rejected_document_fails_alone()
    {
        var oversized = string.Concat(Enumerable.Repeat("Water reached Semey. ", 300)); // 6,300 characters
        var client = _standIn.KeyClient();

        var response = await client.RecognizeEntitiesBatchAsync([Doc("big", oversized), Doc("ok", "Aid reached Atyrau."), Doc("kk?", "Astana.", "xx")]);

        Assert.Equal(["big", "ok", "kk?"], response.Value.Select(r => r.Id));
        Assert.True(response.Value[0].HasError);
        Assert.Equal("InvalidDocument", response.Value[0].Error.ErrorCode);
        Assert.Throws<InvalidOperationException>(() => response.Value[0].Entities);
        Assert.False(response.Value[1].HasError);
        Assert.Equal("Atyrau", Assert.Single(response.Value[1].Entities).Text);
        Assert.Equal("UnsupportedLanguageCode", response.Value[2].Error.ErrorCode);
    }

    [Fact]
    public async Task The_stand_in_rejects_more_than_five_documents_as_the_service_does()
    {
        var client = _standIn.KeyClient();
        var documents = Enumerable.Range(1, 6).Select(i => Doc(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Astana."));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.RecognizeEntitiesBatchAsync(documents));

        Assert.Equal(400, failure.Status);
        Assert.Contains("InvalidDocumentBatch", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_a_request_in_flight()
    {
        _standIn.Hang = true;
        var client = _standIn.KeyClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.RecognizeEntitiesBatchAsync([Doc("1", "Astana.")], cancellationToken: cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Single(_standIn.Requests);
    }

    [Theory]
    [InlineData("http://example.cognitiveservices.azure.com/", false)]
    [InlineData("https://example.cognitiveservices.azure.com/", true)]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("https://example.cognitiveservices.azure.com/?code=1", false)]
    public void Plain_http_is_allowed_for_loopback_only(string endpoint, bool allowed)
    {
        var create = () => new LanguageClient(new Uri(endpoint), new AzureKeyCredential("k"));

        if (allowed)
        {
            Assert.NotNull(create());
        }
        else
        {
            Assert.Throws<ArgumentException>(create);
        }
    }

    [Fact]
    public async Task The_logs_carry_neither_the_key_nor_the_text()
    {
        const string text = "Galina Petrova left Zhambyl by boat.";
        var lines = new List<string>();
        using (new AzureEventSourceListener((_, line) => { lock (lines) { lines.Add(line); } }, EventLevel.Verbose))
        {
            _standIn.Faults.Enqueue(Fault.TooManyRequests("0"));
            await _standIn.KeyClient().RecognizeEntitiesBatchAsync([Doc("1", text)]);
        }

        string[] logged;
        lock (lines)
        {
            logged = [.. lines];
        }
        Assert.Contains(logged, l => l.Contains("analyze-text", StringComparison.Ordinal)); // the request was logged
        Assert.DoesNotContain(logged, l => l.Contains(LanguageStandIn.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Contains("Galina", StringComparison.Ordinal) || l.Contains("Zhambyl", StringComparison.Ordinal));
    }
}
