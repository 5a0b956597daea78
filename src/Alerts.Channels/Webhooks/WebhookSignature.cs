using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com): <c>webhook-signature: v1,&lt;base64 HMAC-SHA256&gt;</c>
/// of <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64 part of the <c>whsec_…</c> secret.
/// Receivers call <see cref="Verify(string, string, string, string, string, TimeSpan, DateTimeOffset?)"/>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from the receiver's clock: replays older than this are refused.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int SecretBytes = 32;

    /// <summary>A new signing secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The <c>webhook-signature</c> header value for a message.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = Key(secret) ?? throw new ArgumentException("The secret is not a whsec_ signing secret.", nameof(secret));
        return "v1," + Convert.ToBase64String(Hash(key, id, timestamp.ToString(CultureInfo.InvariantCulture), body));
    }

    /// <summary>
    /// True when <paramref name="signatureHeader"/> holds a v1 signature of this message made with
    /// <paramref name="secret"/>, and <paramref name="timestamp"/> is within <paramref name="tolerance"/> of now.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader, TimeSpan tolerance, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(secret, id, timestamp, Encoding.UTF8.GetBytes(body), signatureHeader, tolerance, now);
    }

    /// <inheritdoc cref="Verify(string, string, string, string, string, TimeSpan, DateTimeOffset?)"/>
    public static bool Verify(string secret, string id, string timestamp, ReadOnlySpan<byte> body, string signatureHeader, TimeSpan tolerance, DateTimeOffset? now = null)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signatureHeader) || Key(secret) is not { } key
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        if ((sent - (now ?? DateTimeOffset.UtcNow)).Duration() > tolerance)
        {
            return false;
        }
        var expected = Hash(key, id, timestamp, body);
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }
            var actual = new byte[expected.Length];
            if (Convert.TryFromBase64String(candidate[3..], actual, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                return true;
            }
        }
        return false;
    }

    private static byte[]? Key(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length == 0 ? null : key;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Hash(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
