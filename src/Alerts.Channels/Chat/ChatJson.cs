using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Channels.Chat;

/// <summary>How chat payloads are written: UTF-8 as is (they go to an API, never into HTML), so sizes are what they look.</summary>
internal static class ChatJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);
}
