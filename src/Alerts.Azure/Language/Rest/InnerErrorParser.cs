using System.Text.Json;
using Azure;
using Azure.Core;

namespace Alerts.Language.Rest;

/// <summary>
/// Reads a failed response's error as the service nests it (<c>error.innererror</c>) and reports the innermost code,
/// as the client does for document errors: <c>InvalidDocumentBatch</c> or <c>ModelVersionIncorrect</c> says what
/// happened, the outer <c>InvalidArgument</c> or <c>InvalidRequest</c> does not. The message keeps the status and body.
/// </summary>
internal sealed class InnerErrorParser : RequestFailedDetailsParser
{
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        error = null;
        data = null;
        try
        {
            var body = response.Content?.ToObjectFromJson<JsonElement>();
            if (body is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("error", out var current)
                || current.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            while (current.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object
                && inner.TryGetProperty("code", out _))
            {
                current = inner;
            }
            error = new ResponseError(Text(current, "code"), Text(current, "message"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // no buffered content
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
