using System.Text.Json;

namespace Alerts.Hosting;

/// <summary>The JSON step every queue decoder shares: a body that is not JSON of the expected shape is malformed.</summary>
internal static class QueueMessageJson
{
    public static T Read<T>(string body, string queue, string messageId, string shape)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, AlertsJson.Options);
        }
        catch (JsonException ex)
        {
            // The position, not ex.Message: the serializer's message can quote the offending text.
            throw new MalformedMessageException(queue, messageId, $"not a JSON object with {shape} (line {ex.LineNumber}, byte {ex.BytePositionInLine})");
        }
        return message ?? throw new MalformedMessageException(queue, messageId, "the body is JSON null");
    }
}
