using MailKit.Net.Smtp;
using MailKit.Security;

namespace Alerts.Channels.Email;

/// <summary>
/// Connected, authenticated SMTP clients kept for reuse, so a batch of digests pays the TCP, TLS and AUTH round trips
/// once per connection instead of once per message. Bounded: at most <see cref="EmailOptions.SmtpConnections"/>
/// clients exist at once (a send waits for one), each sends at most <see cref="EmailOptions.SmtpMessagesPerConnection"/>
/// messages, and one idle longer than <see cref="IdleLimit"/> is closed rather than trusted.
/// </summary>
internal sealed class SmtpConnectionPool(EmailOptions settings) : IDisposable
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _slots = new(settings.SmtpConnections, settings.SmtpConnections);
    private readonly Stack<Lease> _idle = new();
    private int _opened;

    /// <summary>Connections opened so far (for the log and tests).</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>A client for one send: a kept one when there is one, else a new connection.</summary>
    public async Task<Lease> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (TakeIdle() is { } kept)
            {
                if (kept.Client.IsConnected && DateTimeOffset.UtcNow - kept.LastUsed < IdleLimit && kept.Sent < settings.SmtpMessagesPerConnection)
                {
                    return kept;
                }
                await CloseAsync(kept).ConfigureAwait(false);
            }
            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>
    /// Opens a new connection in place of <paramref name="broken"/>, keeping its slot. When that fails too, the slot
    /// still belongs to <paramref name="broken"/> (now closed), which the caller returns as usual.
    /// </summary>
    public async Task<Lease> ReconnectAsync(Lease broken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broken);
        await CloseAsync(broken).ConfigureAwait(false);
        return await ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the client back: kept for the next send when it is healthy, closed otherwise.</summary>
    public async Task ReturnAsync(Lease lease, bool healthy)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            if (healthy && !lease.Closed && lease.Client.IsConnected && lease.Sent < settings.SmtpMessagesPerConnection)
            {
                lease.LastUsed = DateTimeOffset.UtcNow;
                lock (_idle)
                {
                    _idle.Push(lease);
                }
            }
            else
            {
                await CloseAsync(lease).ConfigureAwait(false);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        lock (_idle)
        {
            foreach (var lease in _idle)
            {
                lease.Client.Dispose();
            }
            _idle.Clear();
        }
        _slots.Dispose();
    }

    private Lease? TakeIdle()
    {
        lock (_idle)
        {
            return _idle.TryPop(out var lease) ? lease : null;
        }
    }

    private async Task<Lease> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var security = !settings.UseTls ? SecureSocketOptions.None
                : settings.SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(settings.SmtpHost ?? "localhost", settings.SmtpPort, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken).ConfigureAwait(false);
            }
            Interlocked.Increment(ref _opened);
            return new Lease(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task CloseAsync(Lease lease)
    {
        if (lease.Closed)
        {
            return;
        }
        lease.Closed = true;
        try
        {
            if (lease.Client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await lease.Client.DisconnectAsync(quit: true, quick.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException)
        {
            // Closing a connection that is already broken: nothing to keep.
        }
        finally
        {
            lease.Client.Dispose();
        }
    }

    /// <summary>One client on loan, with how many messages it has sent and when it was last used.</summary>
    internal sealed class Lease(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;
        public int Sent { get; set; }
        public DateTimeOffset LastUsed { get; set; } = DateTimeOffset.UtcNow;
        public bool Closed { get; set; }
        /// <summary>True when the client had sent before this loan: a failure may be a connection the relay dropped.</summary>
        public bool Reused => Sent > 0;
    }
}
