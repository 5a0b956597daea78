using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Digests;

/// <summary>Deterministic digest ids: the same subscription and window (or article) always give the same id.</summary>
public static class DigestIds
{
    public static string Scheduled(string subscriptionId, DateTimeOffset start, DateTimeOffset end) =>
        "dg_" + Hash($"{subscriptionId}|{start.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{end.UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    public static string Immediate(string subscriptionId, string articleId) => "im_" + Hash($"{subscriptionId}|{articleId}");

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
