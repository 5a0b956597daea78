using Alerts.Analysis;
using Alerts.Entities;
using Alerts.Language.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

/// <summary>
/// Entities from Azure AI Language named entity recognition. Splits each body into documents the service accepts
/// (<see cref="DocumentChunker"/>), sends them at most <see cref="MaxDocumentsPerRequest"/> per request across
/// articles, maps offsets back into the bodies and counts the text records each article cost. A document the service
/// rejects fails only its article's piece, reported in <see cref="EntityExtraction.Warnings"/>; a failed request throws.
/// </summary>
public sealed partial class AzureLanguageEntityExtractor : IEntityExtractor
{
    public const string ExtractorName = "azure-language";

    /// <summary>The service's limit of documents in one entity recognition request.</summary>
    public const int MaxDocumentsPerRequest = 5;

    private readonly LanguageClient _client;
    private readonly string _modelVersion;
    private readonly bool _loggingOptOut;
    private readonly string _defaultLanguage;
    private readonly ILogger _logger;
    private readonly LanguageMetrics _metrics;

    public AzureLanguageEntityExtractor(
        LanguageClient client,
        IOptions<LanguageOptions> options,
        LanguageMetrics metrics,
        ILogger<AzureLanguageEntityExtractor> logger,
        IOptions<AnalysisOptions>? analysisOptions = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _modelVersion = options.Value.ModelVersion;
        _loggingOptOut = options.Value.LoggingOptOut;
        _defaultLanguage = analysisOptions?.Value.DefaultLanguage ?? new AnalysisOptions().DefaultLanguage;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var results = await ExtractBatchAsync([text], language, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    public async Task<IReadOnlyList<EntityExtraction>> ExtractBatchAsync(IReadOnlyList<string> texts, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (string.IsNullOrWhiteSpace(language))
        {
            language = _defaultLanguage;
        }

        var articles = texts.Select(t => new ArticleDocuments(t ?? "", DocumentChunker.Split(t ?? ""))).ToArray();
        var pieces = articles
            .SelectMany((article, a) => article.Chunks.Select((_, c) => (Article: a, Chunk: c)))
            .ToList();
        var requestOptions = new RecognizeEntitiesOptions { ModelVersion = _modelVersion, DisableServiceLogs = _loggingOptOut };

        foreach (var batch in pieces.Chunk(MaxDocumentsPerRequest))
        {
            var documents = batch
                .Select(p => new LanguageDocumentInput(DocumentId(p.Article, p.Chunk), articles[p.Article].Chunks[p.Chunk].Text) { Language = language })
                .ToList();
            var response = await _client.RecognizeEntitiesBatchAsync(documents, requestOptions, cancellationToken).ConfigureAwait(false);
            var byId = response.Value.ToDictionary(r => r.Id, StringComparer.Ordinal);

            foreach (var (a, c) in batch)
            {
                var article = articles[a];
                var chunk = article.Chunks[c];
                var where = $"piece {c + 1} of {article.Chunks.Count} (characters {chunk.Offset}-{chunk.End})";
                if (!byId.TryGetValue(DocumentId(a, c), out var result) || result.HasError)
                {
                    var error = result is null ? "MissingResult: no result for the document" : $"{result.Error.ErrorCode}: {result.Error.Message}";
                    article.Warnings.Add($"Azure AI Language rejected {where}: {error}");
                    LogDocumentRejected(a, c + 1, article.Chunks.Count, result?.Error.ErrorCode.ToString() ?? "MissingResult");
                    continue;
                }

                article.TextRecords += chunk.TextRecords;
                foreach (var warning in result.Entities.Warnings)
                {
                    article.Warnings.Add($"Azure AI Language warned about {where}: {warning.WarningCode}: {warning.Message}");
                }
                foreach (var entity in result.Entities)
                {
                    if (entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > chunk.Text.Length)
                    {
                        article.Warnings.Add($"Azure AI Language returned an entity outside {where}; ignored.");
                        continue;
                    }
                    article.Entities.Add(new Entity(
                        entity.Text,
                        entity.Category.ToString(),
                        entity.SubCategory,
                        chunk.Offset + entity.Offset,
                        entity.Length,
                        entity.ConfidenceScore));
                }
            }
        }

        var extractions = new EntityExtraction[articles.Length];
        for (var a = 0; a < articles.Length; a++)
        {
            var article = articles[a];
            var characters = article.Chunks.Sum(c => c.TextElements);
            LogTextRecords(a, article.Text.Length, article.Chunks.Count, characters, article.TextRecords);
            _metrics.AddTextRecords(article.TextRecords, language);
            extractions[a] = new EntityExtraction
            {
                Entities = EntitySeams.Merge(article.Text, article.Entities, article.Chunks),
                Extractor = ExtractorName,
                TextRecords = article.TextRecords,
                Warnings = article.Warnings,
            };
        }
        return extractions;
    }

    private static string DocumentId(int article, int chunk) => $"{article}-{chunk}";

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Azure AI Language analysed article {Article} ({BodyCharacters} characters) as {Documents} document(s) of {SentCharacters} characters: {TextRecords} text records")]
    private partial void LogTextRecords(int article, int bodyCharacters, int documents, int sentCharacters, int textRecords);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language rejected piece {Piece} of {Pieces} of article {Article}: {ErrorCode}")]
    private partial void LogDocumentRejected(int article, int piece, int pieces, string errorCode);

    /// <summary>One article's body, the documents it was split into, and what the service returned for them.</summary>
    private sealed class ArticleDocuments(string text, IReadOnlyList<DocumentChunk> chunks)
    {
        public string Text { get; } = text;
        public IReadOnlyList<DocumentChunk> Chunks { get; } = chunks;
        public List<Entity> Entities { get; } = [];
        public List<string> Warnings { get; } = [];
        public int TextRecords { get; set; }
    }
}
