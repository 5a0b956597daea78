using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Api;

/// <summary>
/// Who is calling, for per-client limits: the function key the call carries (each integrating client gets its own
/// key), else the caller's IP address (an IPv6 caller by its /64, which one subscriber usually holds whole).
/// </summary>
public static class ApiClient
{
    public static string Identify(string? functionKey, IPAddress? remote)
    {
        if (!string.IsNullOrEmpty(functionKey))
        {
            // The key itself is a secret: only a hash of it is kept.
            return "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(functionKey)))[..32];
        }
        if (remote is null)
        {
            return "ip:unknown";
        }
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }
        if (remote.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = remote.GetAddressBytes();
            bytes.AsSpan(8).Clear();
            return "ip:" + new IPAddress(bytes) + "/64";
        }
        return "ip:" + remote;
    }
}
