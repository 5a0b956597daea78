using System.Net;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Language.Rest;

/// <summary>
/// This project's own client for Azure AI Language named entity recognition over the REST API
/// (<c>POST {endpoint}/language/:analyze-text</c>), on an Azure.Core pipeline (authentication, retries, diagnostics).
/// Its types follow the shape of the Azure.AI.TextAnalytics SDK's.
/// </summary>
public class LanguageClient
{
    /// <summary>The Entra ID scope of Azure AI services.</summary>
    public const string DefaultScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The header a resource key travels in.</summary>
    public const string KeyHeaderName = "Ocp-Apim-Subscription-Key";

    private readonly Uri _endpoint;
    private readonly string _apiVersion;
    private readonly HttpPipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected LanguageClient()
    {
        _endpoint = null!;
        _apiVersion = null!;
        _pipeline = null!;
    }

    public LanguageClient(Uri endpoint, AzureKeyCredential credential, LanguageClientOptions? options = null)
        : this(endpoint, new KeyCredentialPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), KeyHeaderName), options)
    {
    }

    public LanguageClient(Uri endpoint, TokenCredential credential, LanguageClientOptions? options = null)
        : this(endpoint, new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), DefaultScope), options)
    {
    }

    private LanguageClient(Uri endpoint, HttpPipelinePolicy authentication, LanguageClientOptions? options)
    {
        ValidateEndpoint(endpoint);
        options ??= new LanguageClientOptions();
        _endpoint = endpoint;
        _apiVersion = options.Version;
        _pipeline = HttpPipelineBuilder.Build(options, perCallPolicies: [], perRetryPolicies: [authentication], new ResponseClassifier());
    }

    /// <summary>The resource endpoint requests go to.</summary>
    public virtual Uri Endpoint => _endpoint;

    /// <summary>
    /// Recognizes the entities of up to the service's limit of documents (5 per request for entity recognition;
    /// 5,120 text elements per document). A document the service rejects comes back with
    /// <see cref="RecognizeEntitiesResult.HasError"/>; the call only throws (<see cref="RequestFailedException"/>)
    /// when the whole request fails, after the pipeline's retries.
    /// </summary>
    public virtual async Task<Response<RecognizeEntitiesResultCollection>> RecognizeEntitiesBatchAsync(
        IEnumerable<LanguageDocumentInput> documents,
        RecognizeEntitiesOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var inputs = documents.ToList();
        if (inputs.Count == 0)
        {
            throw new ArgumentException("At least one document is required.", nameof(documents));
        }

        var body = new AnalyzeTextEntityRecognitionRequest(
            Kind: "EntityRecognition",
            Parameters: new EntityRecognitionParameters(options?.ModelVersion, StringIndexType: "Utf16CodeUnit", LoggingOptOut: options?.DisableServiceLogs),
            AnalysisInput: new AnalysisInput([.. inputs.Select(d => new WireDocument(d.Id, d.Language, d.Text))]));

        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        // Reset keeps the endpoint's own path (an API Management or proxy prefix); append only what follows it.
        request.Uri.Reset(_endpoint);
        request.Uri.Path = _endpoint.AbsolutePath.TrimEnd('/') + "/language/:analyze-text";
        request.Uri.AppendQuery("api-version", _apiVersion);
        request.Headers.Add(HttpHeader.Common.JsonContentType);
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, AnalyzeTextJsonContext.Default.AnalyzeTextEntityRecognitionRequest));

        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != (int)HttpStatusCode.OK)
        {
            throw new RequestFailedException(response, null, new InnerErrorParser());
        }

        var parsed = await JsonSerializer.DeserializeAsync(
            response.ContentStream ?? Stream.Null,
            AnalyzeTextJsonContext.Default.AnalyzeTextEntitiesResponse,
            cancellationToken).ConfigureAwait(false);
        var results = parsed?.Results ?? throw new RequestFailedException(response.Status, "The analyze-text response has no results.");
        return Response.FromValue(ToCollection(inputs, results), response);
    }

    private static RecognizeEntitiesResultCollection ToCollection(List<LanguageDocumentInput> inputs, EntitiesResults results)
    {
        var byId = new Dictionary<string, RecognizeEntitiesResult>(StringComparer.Ordinal);
        foreach (var document in results.Documents ?? [])
        {
            var entities = (document.Entities ?? [])
                .Select(ToEntity)
                .ToList();
            var warnings = (document.Warnings ?? [])
                .Select(w => new LanguageDocumentWarning(w.Code ?? "Unknown", w.Message ?? ""))
                .ToList();
            byId[document.Id] = new RecognizeEntitiesResult(document.Id, new CategorizedEntityCollection(entities, warnings));
        }
        foreach (var error in results.Errors ?? [])
        {
            // Like the SDK, report the inner error's code when there is one: "InvalidArgument" says little,
            // "UnsupportedLanguageCode" or "InvalidDocument" says what to do.
            var inner = error.Error?.InnerError ?? error.Error;
            byId[error.Id] = new RecognizeEntitiesResult(error.Id, new LanguageDocumentError(
                inner?.Code ?? error.Error?.Code ?? "Unknown",
                inner?.Message ?? error.Error?.Message ?? "",
                inner?.Target ?? error.Error?.Target));
        }

        var ordered = new List<RecognizeEntitiesResult>(inputs.Count);
        foreach (var input in inputs)
        {
            ordered.Add(byId.TryGetValue(input.Id, out var result)
                ? result
                : new RecognizeEntitiesResult(input.Id, new LanguageDocumentError("MissingResult", "The service returned no result for this document.")));
        }
        return new RecognizeEntitiesResultCollection(ordered, results.ModelVersion ?? "");
    }

    private static CategorizedEntity ToEntity(WireEntity e)
    {
        var tags = (e.Tags ?? []).Select(t => t.Name).OfType<string>().ToList();
        var (category, subcategory) = EntityTypeMapping.Map(e.Category, e.Subcategory, e.Type, tags);
        return new CategorizedEntity(e.Text, category, subcategory, e.ConfidenceScore, e.Offset, e.Length) { Type = e.Type, Tags = tags };
    }

    private static void ValidateEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!IsAllowedEndpoint(endpoint))
        {
            throw new ArgumentException(
                $"The Language endpoint must be an absolute https URI (http is allowed for loopback only): {endpoint}", nameof(endpoint));
        }
    }

    /// <summary>An absolute https URI, or http on a loopback address (a local stand-in).</summary>
    public static bool IsAllowedEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsAbsoluteUri
            && (endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))
            && string.IsNullOrEmpty(endpoint.Query)
            && string.IsNullOrEmpty(endpoint.UserInfo);
    }
}
