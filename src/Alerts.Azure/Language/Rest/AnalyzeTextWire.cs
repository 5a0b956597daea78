using System.Text.Json.Serialization;

namespace Alerts.Language.Rest;

// The JSON bodies of POST {endpoint}/language/:analyze-text with kind EntityRecognition
// (Azure AI Language REST API, "Analyze Text"). Only the fields this client uses; unknown ones are ignored.

internal sealed record AnalyzeTextEntityRecognitionRequest(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("parameters")] EntityRecognitionParameters Parameters,
    [property: JsonPropertyName("analysisInput")] AnalysisInput AnalysisInput);

internal sealed record EntityRecognitionParameters(
    [property: JsonPropertyName("modelVersion")] string? ModelVersion,
    [property: JsonPropertyName("stringIndexType")] string StringIndexType,
    [property: JsonPropertyName("loggingOptOut")] bool? LoggingOptOut = null);

internal sealed record AnalysisInput(
    [property: JsonPropertyName("documents")] IReadOnlyList<WireDocument> Documents);

internal sealed record WireDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("text")] string Text);

internal sealed record AnalyzeTextEntitiesResponse(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("results")] EntitiesResults? Results);

internal sealed record EntitiesResults(
    [property: JsonPropertyName("documents")] IReadOnlyList<WireEntitiesDocument>? Documents,
    [property: JsonPropertyName("errors")] IReadOnlyList<WireDocumentError>? Errors,
    [property: JsonPropertyName("modelVersion")] string? ModelVersion);

internal sealed record WireEntitiesDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("entities")] IReadOnlyList<WireEntity>? Entities,
    [property: JsonPropertyName("warnings")] IReadOnlyList<WireWarning>? Warnings);

// From api-version 2024-11-01 an entity has a finest `type`, every classification in `tags` and `metadata`
// instead of `subcategory`; the same span can come twice with different types. Both shapes are read.
internal sealed record WireEntity(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("subcategory")] string? Subcategory,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("tags")] IReadOnlyList<WireEntityTag>? Tags,
    [property: JsonPropertyName("metadata")] WireEntityMetadata? Metadata,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("confidenceScore")] double ConfidenceScore);

internal sealed record WireWarning(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

internal sealed record WireDocumentError(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("error")] WireError? Error);

internal sealed record WireError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("innererror")] WireError? InnerError);

internal sealed record WireEntityTag(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("confidenceScore")] double ConfidenceScore);

internal sealed record WireEntityMetadata(
    [property: JsonPropertyName("metadataKind")] string? MetadataKind);
