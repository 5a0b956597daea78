using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// The SSRF guard for webhook targets, applied when a subscriber signs up and again on every connection: the target
/// must be HTTPS (plain http only for loopback in development), its host must resolve, and every address it resolves
/// to must be public. The HTTP client connects only to the addresses checked here (<see cref="ConnectAsync"/>), so a
/// DNS answer that changes between the check and the connection cannot steer a delivery inside the network.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Why <paramref name="target"/> is not an acceptable webhook URL, or null when it is.</summary>
    public async Task<string?> ValidateAsync(string target, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            return "not an absolute URL.";
        }
        if (CheckUri(uri) is { } error)
        {
            return error;
        }
        var (_, resolveError) = await ResolveAsync(uri.DnsSafeHost, cancellationToken).ConfigureAwait(false);
        return resolveError;
    }

    /// <summary>The checks on the URL itself (scheme, credentials, host), without resolving the host.</summary>
    public string? CheckUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.HostNameType is UriHostNameType.Unknown || string.IsNullOrEmpty(uri.Host))
        {
            return "not an absolute URL with a host.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "credentials in the URL are not allowed; authenticate requests with the signature instead.";
        }
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            return "must be an https:// URL.";
        }
        var settings = options.Value;
        return settings.AllowHttp && settings.AllowLoopback && IsLoopbackHost(uri)
            ? null
            : "must be an https:// URL (plain http is not allowed).";
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> when every one of them may be reached; otherwise why not.
    /// A host that resolves to any internal address is refused outright.
    /// </summary>
    public async Task<(IPAddress[] Addresses, string? Error)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        host = host.Trim('[', ']');
        var allowLoopback = options.Value.AllowLoopback;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return ([], $"the host '{host}' does not resolve.");
            }
            if (addresses.Length == 0)
            {
                return ([], $"the host '{host}' does not resolve.");
            }
        }
        foreach (var address in addresses)
        {
            if (ForbiddenAddresses.Check(address, allowLoopback) is { } why)
            {
                return ([], $"refused: '{host}' resolves to an address webhooks may not reach ({why}).");
            }
        }
        return (addresses, null);
    }

    /// <summary>
    /// The webhook HTTP client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves and checks the host, then
    /// connects to one of the checked addresses and nothing else.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var (addresses, error) = await ResolveAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            throw new WebhookTargetRefusedException(error);
        }
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static bool IsLoopbackHost(Uri uri) =>
        IPAddress.TryParse(uri.DnsSafeHost.Trim('[', ']'), out var address)
            ? ForbiddenAddresses.IsLoopback(address)
            : string.Equals(uri.DnsSafeHost, "localhost", StringComparison.OrdinalIgnoreCase);
}
