using System.Globalization;
using System.Text;
using MimeKit;

namespace Alerts.Channels.Email;

/// <summary>
/// The rules for a subscriber's email address, the same the mail path enforces, so that an address accepted here can
/// be sent to and reads as what it is: one bare mailbox, within RFC 5321's limits; no control, invisible or
/// direction-changing characters; a dot-atom local part (ASCII: not every relay takes SMTPUTF8); a domain of
/// letter-digit-hyphen labels with a dot (IDN allowed, checked as its <c>xn--</c> form); and MimeKit's strict parser
/// agreeing on every character.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxDomainLength = 253;
    private const int MaxLabelLength = 63;
    private const string Example = "analyst@example.org";
    private const string AText = "!#$%&'*+-/=?^_`{|}~";

    private static readonly ParserOptions Strict = CreateStrictParser();

    /// <summary>Null when <paramref name="address"/> is acceptable; otherwise why not, for the subscriber.</summary>
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
        if (FindUnsafe(address) is { } unsafeChar)
        {
            return $"an email address cannot contain line breaks, control, invisible or text-direction characters (found U+{unsafeChar:X4}).";
        }
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return $"not a plain email address such as {Example}.";
        }
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length > MaxLocalPartLength || !IsDotAtom(local))
        {
            return $"the part before the @ may hold only letters a-z, digits and {AText}, with single dots between them (no quotes, spaces or accents), at most {MaxLocalPartLength} characters.";
        }
        if (CheckDomain(domain) is { } domainError)
        {
            return domainError;
        }
        // MimeKit may show an IDN domain in either form: the parts must be the same mailbox, character for character.
        if (!MailboxAddress.TryParse(Strict, address, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0
            || !string.Equals(mailbox.LocalPart, local, StringComparison.Ordinal)
            || !string.Equals(Ascii(mailbox.Domain), Ascii(domain), StringComparison.OrdinalIgnoreCase))
        {
            return $"not a plain email address such as {Example}.";
        }
        return null;
    }

    /// <summary>The first character that has no place in an address: controls, format characters (zero-width, bidi), separators, whitespace.</summary>
    private static int? FindUnsafe(string address)
    {
        foreach (var rune in address.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || Rune.IsWhiteSpace(rune))
            {
                return rune.Value;
            }
        }
        return address.Contains('\uFFFD', StringComparison.Ordinal) ? 0xFFFD : null;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || AText.Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    private static string? CheckDomain(string domain)
    {
        var error = $"the domain after the @ must be a name such as example.org: labels of letters, digits and hyphens (not first or last), separated by dots, at most {MaxLabelLength} characters each.";
        string ascii;
        try
        {
            ascii = new IdnMapping { UseStd3AsciiRules = true, AllowUnassigned = false }.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return error;
        }
        if (ascii.Length > MaxDomainLength)
        {
            return error;
        }
        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > MaxLabelLength || l[0] == '-' || l[^1] == '-' || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            || labels[^1].All(char.IsAsciiDigit))
        {
            return error;
        }
        return null;
    }

    private static string? Ascii(string domain)
    {
        try
        {
            return new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ParserOptions CreateStrictParser()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        return options;
    }
}
