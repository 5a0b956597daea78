using System.Buffers.Text;
using System.Text;
using Alerts.Outcomes;

namespace Alerts.Storage;

/// <summary>
/// Continuation tokens of the result listings: the table key a page ended at, base64url-encoded. Opaque to callers;
/// decoding checks the key is one the listing could have made, so a forged token selects nothing it should not.
/// </summary>
internal static class PageTokens
{
    private const int MaxTokenLength = 2048;

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static string Decode(string token, Func<string, bool> isValidKey)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(isValidKey);
        if (token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            throw new InvalidContinuationException();
        }
        string key;
        try
        {
            key = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidContinuationException("The continuation token is not valid: pass back the one a listing returned, or start again without it.", ex);
        }
        if (key.Length == 0 || key.Any(char.IsControl) || !isValidKey(key))
        {
            throw new InvalidContinuationException();
        }
        return key;
    }
}
