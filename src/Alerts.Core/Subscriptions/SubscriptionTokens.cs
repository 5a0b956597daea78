using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Subscriptions;

/// <summary>
/// Signed tokens for the links in emails and feed addresses: <c>base64url(v1|purpose|subscriptionId|issuedAt).base64url(HMAC-SHA256)</c>.
/// A token names one subscription and one purpose; a forged or altered token fails the HMAC check.
/// </summary>
public sealed class SubscriptionTokens(ITokenKeyProvider keys, TimeProvider time)
{
    public const string Confirm = "confirm";
    public const string Unsubscribe = "unsubscribe";
    public const string Feed = "feed";
    private const int MaxTokenLength = 512;

    public async Task<string> IssueAsync(string purpose, string subscriptionId, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('|', "v1", purpose, subscriptionId,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        var key = await keys.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The subscription id the token was issued for, if it is genuine, for <paramref name="purpose"/>, and not older than <paramref name="maxAge"/>.</summary>
    public async Task<string?> ValidateAsync(string? token, string purpose, TimeSpan? maxAge, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }
        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        var key = await keys.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature))
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts is not ["v1", var p, var id, var issued] || p != purpose || !SubscriptionIds.IsValid(id)
            || !long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt))
        {
            return null;
        }
        if (maxAge is { } age && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issuedAt) > age)
        {
            return null;
        }
        return id;
    }
}
