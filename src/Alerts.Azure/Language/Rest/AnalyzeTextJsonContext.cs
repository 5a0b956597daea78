using System.Text.Json.Serialization;

namespace Alerts.Language.Rest;

/// <summary>Source-generated System.Text.Json metadata for the analyze-text bodies.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnalyzeTextEntityRecognitionRequest))]
[JsonSerializable(typeof(AnalyzeTextEntitiesResponse))]
internal sealed partial class AnalyzeTextJsonContext : JsonSerializerContext;
