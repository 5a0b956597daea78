using System.Net;
using System.Net.Sockets;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// The addresses a webhook may never reach: this machine, private networks, link-local (cloud metadata at
/// 169.254.169.254), carrier-grade NAT, Azure's WireServer, unspecified, multicast and broadcast, in IPv4 and IPv6,
/// including IPv4 addresses written as IPv6 (mapped and translated are refused outright; compatible, NAT64 and 6to4
/// are checked by the IPv4 address they carry).
/// </summary>
public static class ForbiddenAddresses
{
    private static readonly IPNetwork[] V4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("168.63.129.16/32"), // Azure WireServer and DNS
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
    ];

    private static readonly IPNetwork[] V6 =
    [
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),         // multicast
        IPNetwork.Parse("100::/64"),         // discard
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("3fff::/20"),        // documentation
        IPNetwork.Parse("2001:2::/48"),      // benchmarking
        IPNetwork.Parse("64:ff9b:1::/48"),   // local-use NAT64: translates to whatever the local network chooses
    ];

    /// <summary>
    /// IPv4 written as IPv6 for a dual-stack socket (mapped, <c>::ffff:0:0/96</c>) or for a stateless translator
    /// (translated, <c>::ffff:0:0:0/96</c>): no webhook host resolves to one, and either can reach an IPv4 address
    /// the IPv6 checks would not see, so they are refused whatever they embed.
    /// </summary>
    private static readonly IPNetwork[] V4AsV6 =
    [
        IPNetwork.Parse("::ffff:0:0/96"),
        IPNetwork.Parse("::ffff:0:0:0/96"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>True for an address on this machine (127.0.0.0/8, ::1, or one of those written as IPv6).</summary>
    public static bool IsLoopback(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var v4 = EmbeddedV4(address);
        return v4 is not null ? IPAddress.IsLoopback(v4) : IPAddress.IsLoopback(address);
    }

    /// <summary>Why <paramref name="address"/> may not be a webhook target, or null when it may.</summary>
    public static string? Check(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (allowLoopback && IsLoopback(address))
        {
            return null;
        }
        // IPNetwork.Contains does not match a mapped address against the mapped prefix: ask the address itself too.
        if (address.IsIPv4MappedToIPv6 || V4AsV6.Any(n => n.Contains(address)))
        {
            return $"{address} is an IPv4 address written as IPv6";
        }
        if (EmbeddedV4(address) is { } v4)
        {
            return V4.Any(n => n.Contains(v4)) ? $"{address} is a private, loopback, link-local or reserved address" : null;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "only IPv4 and IPv6 addresses are allowed";
        }
        if (address.IsIPv6Teredo || Teredo.Contains(address))
        {
            return $"{address} is a tunnelled address";
        }
        return V6.Any(n => n.Contains(address)) ? $"{address} is a private, loopback, link-local or reserved address" : null;
    }

    /// <summary>The IPv4 address behind an IPv4 address or an IPv6 form of one (mapped, compatible, NAT64, 6to4).</summary>
    private static IPAddress? EmbeddedV4(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address) || (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !IsV6Special(bytes)))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (SixToFour.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }
        return null;
    }

    /// <summary>:: and ::1 are IPv6 addresses of their own, not IPv4-compatible ones.</summary>
    private static bool IsV6Special(byte[] bytes) => bytes.AsSpan(12, 3).IndexOfAnyExcept((byte)0) < 0 && bytes[15] <= 1;
}
