using System.Text.Json;
using Alerts.Channels.Webhooks;

namespace Alerts.Channels.Chat;

/// <summary>
/// What a Teams Workflows webhook's answer means. The webhook is a Power Automate (Logic Apps) request trigger, which
/// answers errors as <c>{"error": {"code": …, "message": …}}</c>: a deleted workflow answers 404
/// (<c>WorkflowNotFound</c>), one turned off or deleted answers <c>WorkflowTriggerIsNotEnabled</c>; those, any 404 and
/// any 410 pause the subscription. Any other 400 or 413 is a message Teams refused, which is not retried; 429, 5xx and
/// the rest are retried.
/// </summary>
public static class TeamsAnswers
{
    public const string Platform = "Teams";

    private const int MaxJsonDepth = 8;

    private static readonly ChatErrors Errors = new()
    {
        Platform = Platform,
        CodeOf = ErrorCode,
        GoneCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["WorkflowNotFound"] = "the workflow was not found: it was deleted, or the URL is wrong",
            ["WorkflowTriggerVersionNotFound"] = "the workflow's trigger was not found: the workflow changed and has a new URL",
            ["WorkflowTriggerIsNotEnabled"] = "the workflow is turned off or was deleted",
        },
        NotFound = "the workflow's webhook URL was not found: the workflow was deleted, or the URL is wrong",
        Gone = "the webhook is gone",
        Rejected = "Teams refused the message; it is not retried",
    };

    public static ChatAnswer Read(WebhookResponse response) => Errors.Read(response);

    /// <summary><c>error.code</c> of a JSON error body when it looks like a code; null for anything else.</summary>
    public static string? ErrorCode(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.AsSpan().TrimStart().StartsWith("{"))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? ChatAnswer.ErrorCodeOf(code.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
