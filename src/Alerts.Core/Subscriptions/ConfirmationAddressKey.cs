using System.Globalization;

namespace Alerts.Subscriptions;

/// <summary>
/// The mailbox an address reaches, for the one-confirmation-per-address limit: case does not matter, nor does a
/// <c>+tag</c>, nor whether the domain is written in Unicode or as <c>xn--</c>. Otherwise every spelling would be a
/// fresh address to the limit while all of them fill the same inbox.
/// </summary>
public static class ConfirmationAddressKey
{
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0)
        {
            return trimmed.ToLowerInvariant();
        }
        var local = trimmed[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }
        var domain = trimmed[(at + 1)..];
        try
        {
            domain = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // Not a valid domain: the address checks refuse it before it gets here; keep it as written.
        }
        return (local + "@" + domain).ToLowerInvariant();
    }
}
