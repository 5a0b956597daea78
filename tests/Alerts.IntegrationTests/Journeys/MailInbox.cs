using System.Text.Json;
using MimeKit;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>The mail catcher's inbox (maildev) read through its REST API, as a mail client would read a mailbox.</summary>
internal sealed class MailInbox(HttpClient http, Uri root)
{
    public Uri Root { get; } = root;

    public async Task<bool> IsUpAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Root, "api/healthz"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The mails to one address, oldest first.</summary>
    public async Task<IReadOnlyList<Mail>> ToAsync(string address, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(Root, "api/email"), ct));
        return [.. doc.RootElement.EnumerateArray()
            .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => new Mail(Text(m, "id"), Text(m, "subject"), Text(m, "text"), Text(m, "html")))];
    }

    /// <summary>The mail as it was sent, headers and all (maildev's JSON leaves out headers such as List-Unsubscribe).</summary>
    public async Task<MimeMessage> SourceAsync(Mail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await using var source = await http.GetStreamAsync(new Uri(Root, $"api/email/{Uri.EscapeDataString(mail.Id)}/source"), ct);
        return await MimeMessage.LoadAsync(source, ct);
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
