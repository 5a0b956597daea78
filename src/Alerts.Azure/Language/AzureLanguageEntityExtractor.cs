using System.Globalization;
using Alerts.Analysis;
using Alerts.Entities;
using Alerts.Language.Rest;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Language;

/// <summary>
/// Entities from Azure AI Language named entity recognition. Splits each body into documents the service accepts
/// (<see cref="DocumentChunker"/>), sends them at most <see cref="MaxDocumentsPerRequest"/> per request across
/// articles, maps offsets back into the bodies and counts the text records each article cost. A piece the service
/// still refuses as too long (it may count differently) is cut again and resent, never dropped; a document it rejects
/// for another reason fails only its article's piece, reported in <see cref="EntityExtraction.Warnings"/>; a failed
/// request throws.
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
        var pending = new Queue<Piece>(articles.SelectMany((article, a) => article.Chunks.Select(chunk => new Piece(a, chunk, 0, Alone: false))));
        var requestOptions = new RecognizeEntitiesOptions { ModelVersion = _modelVersion, DisableServiceLogs = _loggingOptOut };

        while (pending.Count > 0)
        {
            // A piece the service refused in a batch goes alone; the others up to the service's limit per request.
            var alone = pending.Peek().Alone;
            var batch = new List<Piece>(MaxDocumentsPerRequest);
            while (pending.Count > 0 && pending.Peek().Alone == alone && batch.Count < (alone ? 1 : MaxDocumentsPerRequest))
            {
                batch.Add(pending.Dequeue());
            }
            var documents = batch
                .Select((p, i) => new LanguageDocumentInput(i.ToString(CultureInfo.InvariantCulture), p.Chunk.Text) { Language = language })
                .ToList();

            Response<RecognizeEntitiesResultCollection> response;
            try
            {
                response = await _client.RecognizeEntitiesBatchAsync(documents, requestOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException failure) when (failure.Status == 400 && failure.ErrorCode == InvalidDocumentBatch)
            {
                // The request as a whole was too much (the service counts differently, or lowered a limit): each
                // piece alone, and a piece refused alone is cut again. Never a configuration error, never dropped.
                foreach (var piece in batch)
                {
                    if (batch.Count > 1)
                    {
                        pending.Enqueue(piece with { Alone = true });
                    }
                    else
                    {
                        CutAgain(articles, pending, piece, $"{failure.ErrorCode}: {failure.Message.Split('\n')[0]}");
                    }
                }
                continue;
            }
            var results = response.Value;

            for (var i = 0; i < batch.Count; i++)
            {
                var piece = batch[i];
                var article = articles[piece.Article];
                var chunk = piece.Chunk;
                var result = results.FirstOrDefault(r => r.Id == documents[i].Id);
                if (result is null || result.HasError)
                {
                    var error = result is null ? "MissingResult: no result for the document" : $"{result.Error.ErrorCode}: {result.Error.Message}";
                    if (result is not null && IsTooLong(result.Error))
                    {
                        CutAgain(articles, pending, piece, error);
                        continue;
                    }
                    article.Warnings.Add($"Azure AI Language rejected {Where(chunk)}: {error}");
                    LogDocumentRejected(piece.Article, chunk.Offset, chunk.End, result?.Error.ErrorCode.ToString() ?? "MissingResult");
                    continue;
                }

                article.TextRecords += chunk.TextRecords;
                foreach (var warning in result.Entities.Warnings)
                {
                    article.Warnings.Add($"Azure AI Language warned about {Where(chunk)}: {warning.WarningCode}: {warning.Message}");
                }
                foreach (var entity in result.Entities)
                {
                    // Offsets are UTF-16 code units (stringIndexType Utf16CodeUnit), so they index the .NET string directly.
                    if (entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > chunk.Length)
                    {
                        article.Warnings.Add($"Azure AI Language returned an entity outside {Where(chunk)}; ignored.");
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

    /// <summary>How many times a piece the service calls too long is cut again before it is reported instead.</summary>
    public const int MaxCutsAgain = 6;

    private const string InvalidDocumentBatch = "InvalidDocumentBatch";

    private static string Where(DocumentChunk chunk) => $"the piece at characters {chunk.Offset}-{chunk.End}";

    /// <summary>
    /// The service's per-document refusal for length: <c>InvalidDocument</c> (or <c>InvalidDocumentBatch</c>) whose
    /// message speaks of size ("A document within the request was too large to be processed. Limit document size
    /// to: 5120 text elements."). The same code also means other things ("Document text is empty."), which cutting
    /// would not cure.
    /// </summary>
    private static bool IsTooLong(LanguageDocumentError error) =>
        (error.ErrorCode == "InvalidDocument" || error.ErrorCode == InvalidDocumentBatch)
        && (error.Message.Contains("too large", StringComparison.OrdinalIgnoreCase)
            || error.Message.Contains("size", StringComparison.OrdinalIgnoreCase)
            || error.Message.Contains("limit", StringComparison.OrdinalIgnoreCase));

    /// <summary>Cuts a piece the service refused as too long into halves (or smaller) and queues them.</summary>
    private void CutAgain(ArticleDocuments[] articles, Queue<Piece> pending, Piece piece, string error)
    {
        var article = articles[piece.Article];
        var chunk = piece.Chunk;
        if (piece.Cuts >= MaxCutsAgain || chunk.Length < 2)
        {
            article.Warnings.Add($"Azure AI Language rejected {Where(chunk)} as too long even after cutting it {piece.Cuts} times: {error}");
            LogDocumentRejected(piece.Article, chunk.Offset, chunk.End, error.Split(':')[0]);
            return;
        }
        var cut = DocumentChunker.Split(chunk.Text, Math.Max(2, (chunk.Length + 1) / 2));
        var parts = cut
            .Select((part, k) => new DocumentChunk(
                chunk.Offset + part.Offset, part.Text, part.TextElements,
                k == cut.Count - 1 ? chunk.EndsMidSentence : part.EndsMidSentence))
            .ToList();
        LogCutAgain(piece.Article, chunk.Offset, chunk.End, parts.Count);
        article.Replace(chunk, parts);
        foreach (var part in parts)
        {
            pending.Enqueue(new Piece(piece.Article, part, piece.Cuts + 1, Alone: false));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Azure AI Language analysed article {Article} ({BodyCharacters} characters) as {Documents} document(s) of {SentCharacters} characters: {TextRecords} text records")]
    private partial void LogTextRecords(int article, int bodyCharacters, int documents, int sentCharacters, int textRecords);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language rejected characters {From}-{To} of article {Article}: {ErrorCode}")]
    private partial void LogDocumentRejected(int article, int from, int to, string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure AI Language refused characters {From}-{To} of article {Article} as too long; sending them again as {Parts} pieces")]
    private partial void LogCutAgain(int article, int from, int to, int parts);

    /// <summary>A document to send: a piece of an article, how often it was cut again, and whether it must go alone.</summary>
    private sealed record Piece(int Article, DocumentChunk Chunk, int Cuts, bool Alone);

    /// <summary>One article's body, the documents it was split into, and what the service returned for them.</summary>
    private sealed class ArticleDocuments(string text, IReadOnlyList<DocumentChunk> chunks)
    {
        public string Text { get; } = text;

        /// <summary>The pieces in body order, as last cut.</summary>
        public List<DocumentChunk> Chunks { get; } = [.. chunks];

        public void Replace(DocumentChunk chunk, IReadOnlyList<DocumentChunk> parts)
        {
            var at = Chunks.IndexOf(chunk);
            Chunks.RemoveAt(at);
            Chunks.InsertRange(at, parts);
        }

        public List<Entity> Entities { get; } = [];
        public List<string> Warnings { get; } = [];
        public int TextRecords { get; set; }
    }
}
