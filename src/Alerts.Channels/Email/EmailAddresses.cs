using MimeKit;

namespace Alerts.Channels.Email;

/// <summary>The rules for a subscriber's email address: one bare mailbox, no header injection, within RFC 5321's limits.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;

    /// <summary>Null when <paramref name="address"/> is acceptable; otherwise why not.</summary>
    public static string? Validate(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "an email address is required.";
        }
        if (address.Length > MaxLength)
        {
            return $"an email address is at most {MaxLength} characters.";
        }
        if (address.Any(char.IsControl))
        {
            return "an email address cannot contain line breaks or control characters.";
        }
        if (!MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox) || mailbox.Address != address
            || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0)
        {
            return "not a plain email address such as analyst@example.org.";
        }
        var at = address.LastIndexOf('@');
        var local = at > 0 ? address[..at] : "";
        var domain = at > 0 ? address[(at + 1)..] : "";
        if (local.Length is 0 or > MaxLocalPartLength || domain.Length == 0 || domain.StartsWith('[')
            || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.')
            || domain.Contains("..", StringComparison.Ordinal) || address.Contains(' ', StringComparison.Ordinal))
        {
            return "not a plain email address such as analyst@example.org.";
        }
        return null;
    }
}
